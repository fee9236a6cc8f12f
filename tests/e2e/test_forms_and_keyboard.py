"""Form errors, keyboard use and visible focus in a real browser."""

import pytest

from tests.factories import make_user

from .helpers import assert_accessible, login, screenshot

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def test_form_errors_are_summarised_linked_and_described(page, live_server):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_role("button", name="Inloggen").click()
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    # The summary takes the focus, so a screen reader announces it first.
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    links = summary.get_by_role("link")
    assert links.count() >= 1
    target = links.first.get_attribute("href")
    field = page.locator(target)
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby").split()
    texts = [page.locator(f"#{i}").inner_text() for i in described]
    assert "Vul uw e-mailadres in." in texts, texts
    links.first.click()
    assert page.evaluate("document.activeElement.id") == target.lstrip("#")
    screenshot(page, "anoniem-inloggen-fouten")
    assert_accessible(page, "inlogformulier met fouten")


def test_skip_link_and_visible_focus(page, live_server):
    make_user("desk_staff", email="loket@example.nl")
    login(page, live_server.url, "loket@example.nl")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    assert page.evaluate("document.activeElement.classList.contains('nl-skip-link')")
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "de skiplink moet zichtbaar zijn bij focus"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Every focused link or button shows a clear outline (WCAG 2.4.7).
    page.keyboard.press("Tab")
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; })()"
    )
    assert style[0] != "none" and style[1] != "0px", style
