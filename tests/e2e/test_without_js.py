"""The htmx enhancements are extras: with JavaScript off, the same forms still work."""

import pytest
from playwright.sync_api import expect

from signaalloket.signals.states import State

from .helpers import login
from .world import EMAILS, build_world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_filters_and_contribution_status_work_without_javascript(page_without_js, live_server):
    page = page_without_js
    world = build_world(states=(State.DRAFTING, State.OFFERED))
    drafting, offered = world.signals[State.DRAFTING], world.signals[State.OFFERED]

    # Filtering the signal list is a plain GET form.
    login(page, live_server.url, EMAILS["desk_staff"])
    page.goto(f"{live_server.url}/signalen/")
    page.get_by_label("Status").select_option(State.DRAFTING)
    page.get_by_role("button", name="Toepassen").click()
    results = page.locator("#signal-results")
    expect(results.get_by_role("link", name=drafting.title)).to_be_visible()
    expect(results.get_by_role("link", name=offered.title)).to_have_count(0)

    # The ministry's contribution status: the form posts and the page comes back updated.
    login(page, live_server.url, EMAILS["official"])
    page.goto(f"{live_server.url}/signalen/{offered.pk}/")
    select = page.get_by_label("Bijdrage Ministerie van Justitie en Test")
    select.select_option(label="In behandeling")
    select.locator("xpath=ancestor::form").get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(f"{live_server.url}/signalen/{offered.pk}/")
    expect(page.get_by_label("Bijdrage Ministerie van Justitie en Test")).to_have_value("working")
