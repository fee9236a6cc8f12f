"""Production settings carry neither the demo nor the bench (apps, commands, URLs)."""

import json
import secrets

from django.conf import settings

from tests.core.test_settings import _run_manage

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "signaalloket.example",
    "SITE_URL": "https://signaalloket.example",
    "DATABASE_URL": "sqlite:////tmp/signaalloket-deploy-check.sqlite3",
}

# Runs in the child: what is installed (apps, management commands, top-level URL patterns).
INSPECT = """
import json
from django.conf import settings
from django.core.management import get_commands
from django.urls import get_resolver
routes = [str(p.pattern) for p in get_resolver().url_patterns]
print(json.dumps({"apps": settings.INSTALLED_APPS, "commands": sorted(get_commands()),
                  "routes": routes}))
"""
# In production the deploy check runs first; it raises on any warning.
DEPLOY_CHECK = """
from django.core.management import call_command
call_command("check", deploy=True, fail_level="WARNING")
"""

DEMO_AND_BENCH_COMMANDS = {"load_demo", "demo_logins", "bench", "generate_load_data"}


def _inspect(env, *, before=""):
    result = _run_manage(["shell", "-c", before + INSPECT], env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result, json.loads(result.stdout.strip().splitlines()[-1])


def test_production_passes_check_deploy_and_installs_neither_demo_nor_bench():
    result, found = _inspect(PRODUCTION_ENV, before=DEPLOY_CHECK)
    assert "System check identified no issues" in result.stdout
    assert "signaalloket.demo" not in found["apps"]
    assert "signaalloket.bench" not in found["apps"]
    assert not DEMO_AND_BENCH_COMMANDS & set(found["commands"])
    assert not [route for route in found["routes"] if route.startswith("bench")]


def test_local_settings_install_demo_and_bench_for_make_run_and_make_bench():
    _result, found = _inspect({"DJANGO_SETTINGS_MODULE": "config.settings.local"})
    assert {"signaalloket.demo", "signaalloket.bench"} <= set(found["apps"])
    assert set(found["commands"]) >= DEMO_AND_BENCH_COMMANDS


def test_test_settings_install_demo_and_bench():
    assert {"signaalloket.demo", "signaalloket.bench"} <= set(settings.INSTALLED_APPS)
