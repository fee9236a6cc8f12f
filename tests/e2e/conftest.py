"""Browser tests: Playwright (Python) driving Debian's Chromium headless against `live_server`.

`playwright install` cannot download a browser here, so the tests use the system Chromium
(`apt-get install chromium`, done by `.ci/run`). Without it every test in this folder is
skipped with a message saying so.
"""

import os
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def _live_server_media_url():
    """MEDIA_URL is None in this project (documents are only served through a checked view);
    Django's live server thread needs a string while it starts. Nothing is served under it, and
    the setting is back to None once the server runs (its handler has read it by then)."""
    from django.conf import settings

    original = settings.MEDIA_URL
    if original is None:
        settings.MEDIA_URL = "/__geen-media__/"
    yield original


class _OneRequestAtATime(WSGIServer):
    """The live server without threads. Its request threads would all share the test
    thread's connection to the in-memory SQLite database (Django's connections_override),
    and two requests at once on one connection (a page and the htmx fragment it loads)
    failed now and then with "database table is locked". One at a time, the browser waits
    a moment instead (and is told to close each connection, so none is kept waiting)."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.connections_override = connections_override


@pytest.fixture(scope="session")
def _one_request_at_a_time():
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(LiveServerThread, "server_class", _OneRequestAtATime)
        yield


@pytest.fixture(scope="session")
def live_server(_one_request_at_a_time, _live_server_media_url, live_server):
    from django.conf import settings

    settings.MEDIA_URL = _live_server_media_url
    return live_server


@pytest.fixture(scope="package")
def _allow_orm_beside_playwright():
    """Playwright's sync API keeps an event loop running in the test thread while the browser
    is open; the ORM calls the tests make for their set-up are still plain synchronous calls.
    Set only while this package's tests run (browser and variable are package-scoped), so the
    variable never reaches other tests or the subprocesses they start."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(_allow_orm_beside_playwright):
    if not CHROMIUM.exists():
        pytest.skip(
            "Browsertests overgeslagen: /usr/bin/chromium ontbreekt "
            "(installeer met `apt-get install chromium`; .ci/run doet dat)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on(
        "response",
        lambda r: (
            errors.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400
            and r.request.resource_type != "document"
            and not r.url.endswith("/favicon.ico")  # asked for by pages without an icon link
            else None
        ),
    )
    page.js_errors = errors
    yield page
    assert not errors, "JavaScript-fouten of CSP-schendingen in de browser:\n" + "\n".join(errors)
