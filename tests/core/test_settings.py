import os
import secrets
import subprocess
import sys
from pathlib import Path

import environ
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run_manage(args, env_extra):
    # A clean environment for the child: no test-only variables (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly refuses).
    dropped = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_database_url_is_parsed_for_postgres_and_sqlite():
    env = environ.Env()
    pg = env.db_url_config("postgres://user:pw@db.example:5433/signaalloket")
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["HOST"], pg["PORT"], pg["NAME"], pg["USER"]) == (
        "db.example",
        5433,
        "signaalloket",
        "user",
    )
    lite = env.db_url_config("sqlite:////tmp/x.sqlite3")
    assert lite["ENGINE"] == "django.db.backends.sqlite3"
    assert lite["NAME"] == "/tmp/x.sqlite3"


def test_local_settings_need_no_variables_and_use_sqlite_under_var():
    result = _run_manage(
        [
            "shell",
            "-c",
            "from django.conf import settings as s; print(s.DATABASES['default']['NAME'], s.LANGUAGE_CODE, s.MFA_REQUIRED)",
        ],
        {"DJANGO_SETTINGS_MODULE": "config.settings.local"},
    )
    assert result.returncode == 0, result.stderr
    name, language, mfa = result.stdout.split()[-3:]
    assert name.endswith("var/db.sqlite3")
    assert language == "nl"
    assert mfa == "False"


def test_settings_read_from_environment():
    result = _run_manage(
        [
            "shell",
            "-c",
            "from django.conf import settings as s; print(s.ALLOWED_HOSTS, s.EMAIL_BACKEND, s.MEDIA_ROOT, s.DEBUG)",
        ],
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "ALLOWED_HOSTS": "a.example,b.example",
            "EMAIL_URL": "smtp://mailer.example:2525",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "MEDIA_ROOT": "/srv/signaalloket-media",
            "DEBUG": "false",
        },
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "['a.example', 'b.example']" in out
    assert "smtp.EmailBackend" in out
    assert "/srv/signaalloket-media" in out
    assert out.strip().endswith("False")


def test_production_refuses_to_start_without_a_secret_key():
    result = _run_manage(
        ["check"],
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "",
            "SITE_URL": "https://signaalloket.example",
        },
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.slow
def test_production_settings_pass_check_deploy_without_warnings():
    result = _run_manage(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "signaalloket.example",
            "SITE_URL": "https://signaalloket.example",
            "DATABASE_URL": "sqlite:////tmp/signaalloket-deploy-check.sqlite3",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
