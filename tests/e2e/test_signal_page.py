"""The signal page frame in a real browser: at a glance, accessible, usable at 360 px."""

import pytest

from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.factories import OrganisationFactory, make_user

from .helpers import assert_accessible, assert_no_horizontal_scroll, login, screenshot

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def test_signal_page_at_a_glance_accessible_and_narrow(page, live_server):
    desk = make_user("desk_staff", email="loket@example.nl")
    lead = OrganisationFactory()
    make_user("submitter", organisation=lead, email="indiener@example.nl")
    signal = build_signal(desk=desk, state=State.OFFERED, lead=lead)
    url = f"{live_server.url}/signalen/{signal.pk}/"

    login(page, live_server.url, "loket@example.nl")
    page.goto(url)
    screenshot(page, "signal-desk-offered")
    assert_accessible(page, "signaalpagina (loket, aangeboden)")

    steps = page.get_by_role("list", name="Verloop van de procedure")
    current = steps.locator('[aria-current="step"]')
    assert current.count() == 1
    assert "Aangeboden" in current.inner_text()

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(url)
    screenshot(page, "signal-desk-offered-360")
    screenshot(page, "signal-desk-offered-360-top", full_page=False)
    assert_no_horizontal_scroll(page, 360)
    assert_accessible(page, "signaalpagina op 360 px")
