import pytest
from django.db import connection
from django.test import Client, override_settings
from django.urls import include, path

from signaalloket.core.errors import NotAllowed


def _boom(request):
    raise RuntimeError("unexpected failure")


def _forbidden(request):
    raise NotAllowed("Alleen het loket mag dit.")


urlpatterns = [
    path("boom/", _boom),
    path("verboden/", _forbidden),
    path("", include("config.urls")),
]
handler500 = "signaalloket.core.views.server_error"
handler404 = "signaalloket.core.views.page_not_found"


@pytest.mark.django_db
def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_reports_unavailable_database(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("no database")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_login_page_is_dutch_with_desk_contact_details(client):
    response = client.get("/inloggen/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl"' in html
    assert "Inloggen" in html
    assert "Direct naar de inhoud" in html  # skip link
    assert "Postbus 20301, 2500 EH Den Haag" in html
    assert "loketbs@liec.nl" in html
    assert "vendor/rijkshuisstijl/components.css" in html


@pytest.mark.django_db
def test_language_switch_to_english_and_back(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/inloggen/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Log in" in html
    assert "Skip to content" in html
    response = client.post("/i18n/setlang/", {"language": "nl", "next": "/inloggen/"}, follow=True)
    assert '<html lang="nl"' in response.content.decode()


@pytest.mark.django_db
def test_unknown_page_gives_friendly_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    assert "Traceback" not in html


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.core.test_pages")
def test_domain_error_becomes_dutch_403():
    response = Client().get("/verboden/")
    assert response.status_code == 403
    assert "Alleen het loket mag dit." in response.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.core.test_pages", DEBUG=False)
def test_unexpected_error_gives_friendly_dutch_500_without_details():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert "unexpected failure" not in html
    assert "RuntimeError" not in html


@pytest.mark.django_db
def test_security_headers_present(client):
    response = client.get("/inloggen/")
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "script-src 'self'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_english_browser_still_gets_dutch_until_the_user_switches(client):
    response = client.get("/inloggen/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl"' in response.content.decode()
