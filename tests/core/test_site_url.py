"""SITE_URL: the address in every e-mail and calendar invitation (issue 17, working links)."""

import re
import secrets
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import override_settings
from icalendar import Calendar

from signaalloket.core.checks import site_url_check
from signaalloket.meetings.services import meeting_schedule
from signaalloket.signals.states import State
from tests.core.test_settings import _run_manage
from tests.procedure.helpers import at, make_world, walk, world_signal


def _ids(errors):
    return [e.id for e in errors]


@pytest.mark.parametrize(
    ("url", "https_required", "ok"),
    [
        ("http://127.0.0.1:8000", False, True),
        ("https://signaalloket.example", True, True),
        ("https://signaalloket.example/", True, True),
        ("http://signaalloket.example", True, False),
        ("", True, False),
        ("", False, False),
        ("signaalloket.example", False, False),
        ("https://signaalloket.example/loket", True, False),
    ],
)
def test_site_url_check(url, https_required, ok):
    with override_settings(SITE_URL=url, SITE_URL_REQUIRE_HTTPS=https_required):
        errors = site_url_check(None)
    assert _ids(errors) == ([] if ok else ["core.E001"])


def test_local_site_url_follows_the_port_make_run_serves():
    result = _run_manage(
        ["shell", "-c", "from django.conf import settings as s; print(s.SITE_URL)"],
        {"DJANGO_SETTINGS_MODULE": "config.settings.local", "PORT": "8123"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "http://127.0.0.1:8123"


@pytest.mark.parametrize("site_url", [None, "http://signaalloket.example"])
def test_production_refuses_to_start_without_an_https_site_url(site_url):
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "signaalloket.example",
        "DATABASE_URL": "sqlite:////tmp/signaalloket-site-url-check.sqlite3",
    }
    if site_url is not None:
        env["SITE_URL"] = site_url
    result = _run_manage(["check"], env)
    assert result.returncode != 0
    assert "core.E001" in result.stderr + result.stdout


def _follow(client, user, url: str, site_url: str):
    assert url.startswith(site_url + "/"), url
    parts = urlsplit(url)
    client.force_login(user)
    return client.get(parts.path + (f"?{parts.query}" if parts.query else ""))


@pytest.mark.django_db
@override_settings(SITE_URL="https://signaalloket.example")
def test_links_in_a_sent_email_and_an_ics_open_a_page(
    client, desk_user, django_capture_on_commit_callbacks
):
    site = "https://signaalloket.example"
    world = make_world(desk_user, ministries=1)
    signal = walk(world_signal(world), desk_user, State.DRAFTING, State.FACT_CHECK)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_schedule(
            signal=signal,
            actor=desk_user,
            starts_at=at(2030, 3, 2, 10),
            ends_at=at(2030, 3, 2, 11, 30),
            location="Den Haag",
            video_link="",
        )
    to_official = next(m for m in mail.outbox if m.to == [world.officials[0].email])

    links = re.findall(r"https?://[^\s\"'<>]+", to_official.body)
    assert links, to_official.body
    assert all(link.startswith(site) for link in links)
    response = _follow(client, world.officials[0], links[0], site)
    assert response.status_code == 200
    assert signal.reference in response.content.decode()

    _name, content, _mimetype = to_official.attachments[0]
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    ics_links = re.findall(r"https?://\S+", str(event["DESCRIPTION"]))
    assert ics_links
    response = _follow(client, world.officials[0], ics_links[0], site)
    assert response.status_code == 200
    assert signal.reference in response.content.decode()


def test_gunicorn_refuses_to_start_on_a_failing_check():
    import importlib.util

    from django.conf import settings
    from django.core.management.base import SystemCheckError

    spec = importlib.util.spec_from_file_location(
        "gunicorn_conf", settings.BASE_DIR / "config" / "gunicorn.py"
    )
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    with (
        override_settings(SITE_URL="http://signaalloket.example", SITE_URL_REQUIRE_HTTPS=True),
        pytest.raises(SystemCheckError, match=r"core\.E001"),
    ):
        conf.on_starting(None)
    with override_settings(SITE_URL="https://signaalloket.example", SITE_URL_REQUIRE_HTTPS=True):
        conf.on_starting(None)
