"""Every main page, for every role: axe-core (WCAG 2.1 A/AA) and a screenshot.

The screenshots land in test-output/screenshots/<role>-<page>.png.
"""

import pytest
from django.urls import reverse

from signaalloket.deadlines.models import Deadline
from signaalloket.documents.models import Document
from signaalloket.signals.states import State

from .helpers import (
    axe_violations,
    format_violations,
    heading_problems,
    login,
    overflowing_elements,
    screenshot,
)
from .world import EMAILS, build_world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def pages_for(role: str, world) -> list[tuple[str, str]]:
    drafting = world.signals[State.DRAFTING].pk
    decision = world.signals[State.DECISION].pk
    offered = world.signals[State.OFFERED].pk
    document = Document.objects.filter(signal_id=offered).values_list("pk", flat=True).first()
    deadline = Deadline.objects.filter(signal_id=offered).values_list("pk", flat=True).first()
    common = [
        ("overzicht", reverse("web:home")),
        ("signalen", reverse("web:signal_list")),
        ("zoeken", reverse("reports:search") + "?q=uitzendbureaus"),
        ("berichten", reverse("notifications:inbox")),
        ("berichtvoorkeuren", reverse("notifications:preferences")),
    ]
    desk = [
        ("overzicht-onderdeel", reverse("reports:dashboard_section", args=["upcoming"])),
        ("statistieken", reverse("reports:statistics")),
        ("nieuw-signaal", reverse("signals:new")),
        ("signaal-opstellen", reverse("web:signal_detail", args=[drafting])),
        ("signaal-besluit", reverse("web:signal_detail", args=[decision])),
        ("signaal-aangeboden", reverse("web:signal_detail", args=[offered])),
        ("bewerken", reverse("signals:edit", args=[drafting])),
        ("verkenning", reverse("drafting:intake", args=[drafting])),
        ("concept", reverse("drafting:editor", args=[drafting])),
        ("conceptversies", reverse("drafting:version_list", args=[drafting])),
        ("documenten", reverse("documents:signal_documents", args=[offered])),
        ("geadresseerden", reverse("procedure:addressees", args=[offered])),
        ("reactie", reverse("procedure:response", args=[offered])),
        ("overleg-plannen", reverse("meetings:schedule", args=[drafting])),
        ("document", reverse("documents:document_detail", args=[document])),
        ("termijn-verlengen", reverse("deadlines:extend", args=[deadline])),
        ("namenlijst", reverse("drafting:name_list")),
        ("publicatie", reverse("publications:publication_edit", args=[offered])),
        ("wachtwoord-wijzigen", reverse("accounts:password_change")),
    ]
    if role == "desk_staff":
        return common + desk
    # The signal page as submitter, strategic rep and official is checked by the lifecycle test.
    if role == "desk_manager":
        return [
            common[0],
            ("jaarverslagen", reverse("reports:annual_index")),
            ("inzageregistratie", reverse("audit:access_log")),
            ("importeren", reverse("imports:import_upload")),
            ("format", reverse("drafting:format_manage")),
            ("inzage-signaal", reverse("audit:access_log_signal", args=[offered])),
        ]
    if role == "submitter":
        return [
            *common[:2],
            ("overzicht-onderdeel", reverse("reports:dashboard_section", args=["my_organisation"])),
            ("nieuw-signaal", reverse("signals:new")),
            ("concept", reverse("drafting:editor", args=[drafting])),
        ]
    if role == "strategic_rep":
        return [common[0]]
    if role == "official":
        return [
            *common[:2],
            (
                "overzicht-onderdeel",
                reverse("reports:dashboard_section", args=["ministry_deadlines"]),
            ),
        ]
    if role == "admin":
        return [
            common[0],
            ("beheer", "/beheer/"),
            ("beheer-gebruikers", "/beheer/accounts/user/"),
            ("beheer-organisaties", "/beheer/organisations/organisation/"),
        ]
    raise AssertionError(role)


def test_main_pages_have_no_wcag_violations_for_any_role(page, live_server):
    """One world, every role in turn (building the world once keeps the run short).

    Then the desk's main pages again at 360 px wide: nothing may need horizontal scrolling.
    """
    world = build_world()
    problems = []
    for role, email in EMAILS.items():
        login(page, live_server.url, email)
        for name, path in pages_for(role, world):
            response = page.goto(live_server.url + path)
            assert response.status < 400, f"{role} {name}: HTTP {response.status} op {path}"
            screenshot(page, f"{role}-{name}")
            violations = axe_violations(page)
            if violations:
                problems.append(format_violations(violations, f"{name} ({path}) als {role}"))
            headings = heading_problems(page)
            if headings:
                problems.append(
                    f"koppen niet op volgorde op {name} ({path}) als {role}: {headings}"
                )
    assert not problems, "\n\n".join(problems)

    login(page, live_server.url, EMAILS["desk_staff"])
    page.set_viewport_size({"width": 360, "height": 800})
    too_wide = []
    for name, path in pages_for("desk_staff", world):
        page.goto(live_server.url + path)
        if name == "signaal-aangeboden":
            screenshot(page, "desk_staff-signaal-aangeboden-360")
            screenshot(page, "desk_staff-signaal-aangeboden-360-boven", full_page=False)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > 360:
            too_wide.append(
                f"{name} ({path}): scrollWidth={scroll_width}: "
                + "; ".join(overflowing_elements(page, 360))
            )
    assert not too_wide, "horizontaal scrollen op 360 px:\n" + "\n".join(too_wide)


def test_public_pages_have_no_wcag_violations(page, live_server):
    problems = []
    for name, path in [
        ("inloggen", reverse("login")),
        ("openbaar-register", reverse("publications:public_register")),
        ("niet-gevonden", "/bestaat-niet/"),
    ]:
        page.goto(live_server.url + path)
        screenshot(page, f"anoniem-{name}")
        violations = axe_violations(page)
        if violations:
            problems.append(format_violations(violations, f"{name} ({path})"))
    assert not problems, "\n\n".join(problems)
