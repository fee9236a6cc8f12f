"""One signal from intake to closed, in a real browser, each role logging in for its own step.

Every step is done through the pages a user would use; the test asserts what each user sees
(the step indicator, whose turn it is, the actions offered) and runs axe-core on the signal
page as each role sees it along the way.
"""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from signaalloket.signals.models import Signal
from signaalloket.signals.states import State

from .helpers import assert_accessible, login, screenshot
from .world import EMAILS, build_world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

TITLE = "Schijnconstructies bij de inschrijving van buitenlandse ondernemingen"


def response_pdf(tmp_path):
    """The ministers' joint response, as a small PDF made with WeasyPrint."""
    from weasyprint import HTML

    path = tmp_path / "gezamenlijke-reactie.pdf"
    HTML(
        string="<h1>Gezamenlijke reactie</h1><p>De bewindspersonen nemen het signaal over.</p>"
    ).write_pdf(path)
    return path


def current_step(page):
    return page.get_by_role("list", name="Verloop van de procedure").locator(
        '[aria-current="step"]'
    )


def expect_state(page, label: str):
    expect(current_step(page)).to_contain_text(label)


def your_turn(page):
    return page.locator(".app-status--your-turn")


def test_signal_from_intake_to_closed(page, live_server, tmp_path):
    world = build_world(states=())
    base = live_server.url
    office = str(world.office)

    # 1. The desk starts the signal for RIEC Testregio.
    login(page, base, EMAILS["desk_staff"])
    page.get_by_role("link", name="Nieuw signaal").first.click()
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Samenvatting").fill(
        "Buitenlandse ondernemingen worden ingeschreven zonder toets op de werkelijke activiteit."
    )
    page.get_by_label("Hoofdindiener").select_option(label=world.lead.name)
    page.get_by_role("button", name="Signaal aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    signal = Signal.objects.get(title=TITLE)
    signal_url = f"{base}/signalen/{signal.pk}/"
    expect_state(page, "Verkenning")
    expect(your_turn(page)).to_be_visible()
    screenshot(page, "levensloop-01-verkenning-loket")

    # 2. The desk records the intake: criteria met, advice "suitable".
    page.get_by_role("link", name="Verkenning en advies vastleggen").click()
    assert_accessible(page, "verkenning, als loket")
    for criterion in ("misuse", "structural", "national", "investigation"):
        page.locator(f"#id_met_{criterion}").select_option("yes")
    page.get_by_label("Advies van het loket").select_option("suitable")
    page.get_by_label("Waarom").fill("Structureel misbruik van een legaal proces.")
    page.get_by_role("button", name="Verkenning opslaan").click()
    expect(page.locator(".utrecht-alert--ok").first).to_be_visible()

    # 3. ... adds the addressed minister ...
    page.goto(signal_url)
    page.get_by_role("link", name="Geadresseerden beheren").first.click()
    assert_accessible(page, "geadresseerden, als loket")
    page.get_by_label("Bewindspersoon").select_option(value=str(world.office.pk))
    page.get_by_label("Penvoerder").check()
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("cell", name=re.compile(re.escape(office))).first).to_be_visible()

    # 4. ... and opens the drafting stage.
    page.goto(signal_url)
    page.get_by_role("button", name="Start opstellen").click()
    expect(page.get_by_role("status").first).to_contain_text("De status is gewijzigd.")
    expect_state(page, "Opstellen")

    # 5. The submitter writes the draft in the desk's format.
    login(page, base, EMAILS["submitter"])
    page.goto(signal_url)
    expect_state(page, "Opstellen")
    expect(your_turn(page)).to_be_visible()
    expect(page.get_by_role("button", name="Naar ambtelijk overleg")).to_have_count(0)
    assert_accessible(page, "signaalpagina, opstellen, als indiener")
    screenshot(page, "levensloop-05-opstellen-indiener")
    page.get_by_role("link", name="Concepttekst schrijven").click()
    assert_accessible(page, "concepttekst, als indiener")
    texts = page.locator("textarea.app-draft-text")
    for i in range(texts.count()):
        texts.nth(i).fill(
            "Ondernemingen uit het buitenland worden zonder toets ingeschreven; de werkwijze "
            "keert terug in meerdere onderzoeken en vraagt om een landelijke aanpak."
        )
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    expect(page.locator(".utrecht-alert--ok").first).to_be_visible()

    # 6. The desk moves the signal to the fact check and plans the meeting.
    login(page, base, EMAILS["desk_staff"])
    page.goto(signal_url)
    page.get_by_role("button", name="Naar ambtelijk overleg").click()
    expect_state(page, "Ambtelijk overleg")
    page.get_by_role("link", name="Overleg plannen").click()
    assert_accessible(page, "overleg plannen, als loket")
    # Planned yesterday: the outcome can only be recorded after the start (issue 17, item 4).
    meeting_day = dt.date.today() - dt.timedelta(days=1)
    page.get_by_label("Datum").fill(meeting_day.isoformat())
    page.get_by_label("Begintijd").fill("10:00")
    page.get_by_label("Eindtijd").fill("11:30")
    page.get_by_label("Locatie").fill("Den Haag")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("link", name="Uitkomst vastleggen")).to_be_visible()

    # 7. The official of the addressed ministry now sees the signal.
    login(page, base, EMAILS["official"])
    page.goto(signal_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("button", name=re.compile("Feiten bevestigd"))).to_have_count(0)
    assert_accessible(page, "signaalpagina, ambtelijk overleg, als ambtenaar")

    # 8. Meeting outcome: facts confirmed; the signal moves on to the decision.
    login(page, base, EMAILS["desk_staff"])
    page.goto(signal_url)
    page.get_by_role("link", name="Uitkomst vastleggen").click()
    assert_accessible(page, "uitkomst overleg, als loket")
    page.get_by_label("Feiten bevestigd").check()
    page.locator("#id_minutes").fill("De feiten zijn per ministerie besproken.")
    page.get_by_label("Bevindingen").fill("De feiten zijn door alle ministeries bevestigd.")
    page.get_by_role("button", name=re.compile("Opslaan|Vastleggen")).first.click()
    page.goto(signal_url)
    expect_state(page, "Besluit indiening")
    expect(your_turn(page)).to_have_count(0)  # the strategic representatives decide

    # 9. The strategic representative approves the submission.
    login(page, base, EMAILS["strategic_rep"])
    page.goto(signal_url)
    expect(your_turn(page)).to_be_visible()
    assert_accessible(page, "signaalpagina, besluit, als strategisch vertegenwoordiger")
    screenshot(page, "levensloop-09-besluit-sv")
    page.get_by_role("link", name="Tekst bekijken en instemmen namens mijn organisatie").click()
    assert_accessible(page, "instemmen, als strategisch vertegenwoordiger")
    page.get_by_label(re.compile("^Ik stem namens RIEC Testregio in met versie 1")).check()
    page.get_by_role("button", name="Definitief instemmen").click()
    page.goto(signal_url)
    expect(
        page.get_by_text(re.compile("ingestemd door Sander Strateeg .* met versie 1")).first
    ).to_be_visible()

    # 10. The desk offers the signal to the minister.
    login(page, base, EMAILS["desk_staff"])
    page.goto(signal_url)
    expect(your_turn(page)).to_be_visible()
    page.get_by_role("button", name="Aanbieden aan bewindspersonen").first.click()
    expect_state(page, "Aangeboden")

    # 11. The official reports the ministry's contribution (htmx, in place).
    login(page, base, EMAILS["official"])
    page.goto(signal_url)
    expect(your_turn(page)).to_be_visible()
    contribution = page.get_by_label(re.compile("^Bijdrage "))
    contribution.select_option(label="Bijgedragen")
    contribution.locator("xpath=ancestor::form").get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("1 van 1 ministerie heeft bijgedragen")).to_be_visible()
    assert_accessible(page, "signaalpagina, aangeboden, als ambtenaar")
    screenshot(page, "levensloop-11-aangeboden-ambtenaar")

    # 12. The desk registers the joint response (a PDF) ...
    login(page, base, EMAILS["desk_staff"])
    page.goto(signal_url)
    expect(
        page.get_by_text("Registreer eerst de gezamenlijke reactie als document.")
    ).to_be_visible()
    page.get_by_role("link", name="Gezamenlijke reactie registreren").first.click()
    assert_accessible(page, "reactie registreren, als loket")
    page.get_by_label("Gezamenlijke reactie").set_input_files(response_pdf(tmp_path))
    page.get_by_label("Datum van de reactie").fill(dt.date.today().isoformat())
    page.get_by_role("button", name="Reactie registreren").click()
    page.goto(signal_url)
    expect_state(page, "Reactie ontvangen")

    # 13. ... delivers it to the submitters ...
    page.get_by_role("button", name="Reactie aanbieden aan indieners").first.click()
    expect_state(page, "Reactie aangeboden")

    # 14. ... and starts the effect inquiry (normally the due job does this after six months).
    page.get_by_role("button", name="Effectmeting starten").click()
    expect_state(page, "Effectmeting")

    # 15. The submitter answers the effect inquiry.
    login(page, base, EMAILS["submitter"])
    page.goto(signal_url)
    expect(your_turn(page)).to_be_visible()
    page.get_by_role("link", name="Effectmeting invullen").first.click()
    assert_accessible(page, "effectmeting, als indiener")
    screenshot(page, "levensloop-15-effectmeting-indiener")
    page.get_by_label("Beleid is aangepast").check()
    page.get_by_label("Toelichting").fill("Het ministerie heeft de inschrijving aangescherpt.")
    page.get_by_role("button", name="Versturen").click()

    # 16. The desk closes the signal.
    login(page, base, EMAILS["desk_staff"])
    page.goto(signal_url)
    page.get_by_role("button", name="Afsluiten").click()
    expect_state(page, "Afgesloten")
    expect(page.get_by_role("heading", name="Afgerond")).to_be_visible()
    expect(page.locator('form[action$="/status/"]')).to_have_count(0)
    assert_accessible(page, "signaalpagina, afgesloten, als loket")
    screenshot(page, "levensloop-16-afgesloten-loket")

    signal.refresh_from_db()
    assert signal.state == State.CLOSED
    visited = list(signal.state_changes.values_list("to_state", flat=True))
    assert visited == [
        State.DRAFTING,
        State.FACT_CHECK,
        State.DECISION,
        State.OFFERED,
        State.RESPONSE_RECEIVED,
        State.RESPONSE_DELIVERED,
        State.EFFECT_INQUIRY,
        State.CLOSED,
    ]
