"""Logging in with two-factor authentication (MFA_REQUIRED=True, as in production)."""

import time

import pyotp
import pytest
from playwright.sync_api import expect

from tests.factories import make_user

from .helpers import assert_accessible, login, screenshot

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def test_enrol_and_log_in_with_a_totp_code(page, live_server, settings):
    settings.MFA_REQUIRED = True
    make_user("desk_staff", email="loket@example.nl")

    # First login: enrolment with the authenticator app.
    login(page, live_server.url, "loket@example.nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_have_count(0)
    expect(page.get_by_text("Demo-omgeving")).to_have_count(0)
    assert_accessible(page, "tweestapsverificatie instellen")
    screenshot(page, "mfa-instellen")
    secret = page.locator(".app-secret").inner_text().replace(" ", "")
    totp = pyotp.TOTP(secret)
    page.get_by_label("Code").fill(totp.now())
    page.get_by_role("button", name="Koppelen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
    assert page.locator(".app-backup-codes li").count() == 10
    assert_accessible(page, "herstelcodes")
    page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()

    # Second login: password, then a code. A code is accepted once, so use the next one.
    login(page, live_server.url, "loket@example.nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Code invullen")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_have_count(0)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Controleren").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page, "code invullen met fout")
    page.wait_for_timeout(2100)  # django-otp throttles for a second after a wrong code
    page.get_by_label("Code").fill(totp.at(time.time() + 30))
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()
    assert "/tweestapsverificatie/" not in page.url
