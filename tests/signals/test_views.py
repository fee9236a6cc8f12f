"""The intake page and the edit page with optimistic locking, through the test client."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from signaalloket.audit.models import AuditEvent
from signaalloket.signals.models import Signal, StateChange, Theme
from signaalloket.signals.services import signal_update
from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.factories import OrganisationFactory


def edit_url(signal):
    return reverse("signals:edit", args=[signal.pk])


def form_data(signal, **overrides):
    data = {
        "title": signal.title,
        "summary": signal.summary,
        "origin": signal.origin,
        "confidentiality": signal.confidentiality,
        "version": signal.version,
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_edit_page_shows_the_current_values_and_version(client, cast):
    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    client.force_login(cast.submitter)
    response = client.get(edit_url(signal))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="version"' in html and f'value="{signal.version}"' in html
    assert signal.title in html
    assert 'type="hidden"' in html


@pytest.mark.django_db
def test_edit_saves_through_the_service(client, cast):
    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    theme = Theme.objects.create(name="Subsidies")
    client.force_login(cast.submitter)
    response = client.post(
        edit_url(signal),
        form_data(signal, title="Nieuwe titel", themes=[theme.pk], confidentiality="internal"),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("web:signal_detail", args=[signal.pk])
    stored = Signal.objects.get(pk=signal.pk)
    assert (stored.title, stored.confidentiality) == ("Nieuwe titel", "internal")
    assert list(stored.themes.all()) == [theme]
    assert stored.version == signal.version + 1
    event = AuditEvent.objects.filter(signal=signal, event_type="signal.updated").last()
    assert event.actor == cast.submitter
    assert "title" in event.data["fields"] and "themes" in event.data["fields"]


@pytest.mark.django_db
def test_stale_form_shows_conflict_and_overwrites_nothing(client, cast):
    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    stale_version = signal.version
    # Someone else saves first.
    signal_update(
        signal=signal, actor=cast.desk_staff, expected_version=stale_version, title="Door loket"
    )
    client.force_login(cast.submitter)
    response = client.post(
        edit_url(signal), form_data(signal, title="Mijn titel", version=stale_version)
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft dit signaal intussen gewijzigd" in html
    assert "Uw wijziging is niet opgeslagen" in html
    assert f'href="{reverse("web:signal_detail", args=[signal.pk])}"' in html
    assert "Bekijk de actuele versie" in html
    stored = Signal.objects.get(pk=signal.pk)
    assert stored.title == "Door loket"
    assert stored.version == stale_version + 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": "   "}, "Titel"),
        ({"title": "x" * 301}, "Titel"),
        ({"confidentiality": "geheim"}, "Rubricering"),
        ({"version": "abc"}, "Version"),
        ({"themes": ["999999"]}, "Thema"),
    ],
)
def test_bad_input_changes_nothing(client, cast, overrides, message):
    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    client.force_login(cast.desk_staff)
    response = client.post(edit_url(signal), form_data(signal, **overrides))
    assert response.status_code == 400
    assert "Controleer de volgende punten" in response.content.decode()
    assert Signal.objects.get(pk=signal.pk).version == signal.version


@pytest.mark.django_db
def test_edit_refused_for_who_may_not_edit(client, cast, open_guards):
    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    for user, status in (
        (cast.other_submitter, 404),
        (cast.official, 404),
        (cast.admin, 404),
    ):
        client.force_login(user)
        assert client.get(edit_url(signal)).status_code == status
        assert client.post(edit_url(signal), form_data(signal, title="X")).status_code == status
    # Submitters draft only until the fact-check; officials see it but may not edit.
    fact_check = build_signal(
        desk=cast.desk_staff, state=State.FACT_CHECK, lead=cast.lead, offices=[cast.office]
    )
    for user in (cast.submitter, cast.official):
        client.force_login(user)
        assert client.get(edit_url(fact_check)).status_code == 403
        response = client.post(edit_url(fact_check), form_data(fact_check, title="X"))
        assert response.status_code == 403
    assert Signal.objects.get(pk=fact_check.pk).title == fact_check.title
    client.logout()
    assert client.get(edit_url(signal)).status_code == 302  # to the login page


@pytest.mark.django_db
def test_edit_page_query_count_is_fixed(client, cast):
    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    client.force_login(cast.desk_staff)

    def count(themes):
        for i in range(themes):
            Theme.objects.get_or_create(name=f"Thema {i}")
        signal.themes.set(Theme.objects.all())
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(edit_url(signal)).status_code == 200
        return len(ctx)

    assert count(2) == count(12)


# New signal ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_submitter_starts_a_signal_for_own_organisation(client, cast):
    client.force_login(cast.submitter)
    response = client.get(reverse("signals:new"))
    assert response.status_code == 200
    html = response.content.decode()
    assert cast.lead.name in html
    assert cast.other_submitter.memberships.get().organisation.name not in html
    response = client.post(
        reverse("signals:new"),
        {
            "title": "Misbruik van bouwvergunningen",
            "summary": "",
            "lead_organisation": cast.lead.pk,
        },
    )
    signal = Signal.objects.get(title="Misbruik van bouwvergunningen")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:signal_detail", args=[signal.pk])
    assert signal.state == State.INTAKE
    assert signal.reference.startswith(f"BS-{signal.year}-")
    lead = signal.submitters.get()
    assert (lead.organisation, lead.is_lead, lead.contact_person) == (
        cast.lead,
        True,
        cast.submitter,
    )


@pytest.mark.django_db
def test_submitter_cannot_pick_another_organisation(client, cast):
    other_org = OrganisationFactory()
    client.force_login(cast.submitter)
    response = client.post(
        reverse("signals:new"), {"title": "Poging", "lead_organisation": other_org.pk}
    )
    assert response.status_code == 400
    assert "Kies een organisatie uit de lijst." in response.content.decode()
    assert not Signal.objects.filter(title="Poging").exists()


@pytest.mark.django_db
def test_desk_may_start_for_any_partner_or_riec(client, cast):
    riec = OrganisationFactory(kind="riec")
    ministry_org = cast.official.memberships.get().organisation
    client.force_login(cast.desk_staff)
    html = client.get(reverse("signals:new")).content.decode()
    assert riec.name in html
    assert ministry_org.name not in html
    response = client.post(
        reverse("signals:new"), {"title": "Via het loket", "lead_organisation": riec.pk}
    )
    assert response.status_code == 302
    signal = Signal.objects.get(title="Via het loket")
    assert signal.case_handler == cast.desk_staff
    response = client.post(
        reverse("signals:new"), {"title": "Ministerie", "lead_organisation": ministry_org.pk}
    )
    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["official", "admin"])
def test_new_signal_refused_for_officials_and_admins(client, cast, who):
    client.force_login(cast.user(who))
    assert client.get(reverse("signals:new")).status_code == 403
    response = client.post(
        reverse("signals:new"), {"title": "X", "lead_organisation": cast.lead.pk}
    )
    assert response.status_code == 403
    assert not Signal.objects.filter(title="X").exists()


@pytest.mark.django_db
def test_new_signal_requires_a_title(client, cast):
    client.force_login(cast.submitter)
    response = client.post(
        reverse("signals:new"), {"title": " ", "lead_organisation": cast.lead.pk}
    )
    assert response.status_code == 400
    assert "Vul een titel in." in response.content.decode()
    assert not Signal.objects.exists()


@pytest.mark.django_db
def test_signal_page_links_to_the_edit_page_for_who_may_edit(client, cast, monkeypatch):
    from signaalloket.core import panels

    monkeypatch.setattr(panels, "_panels", {"basics": panels._panels["basics"]})
    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    signal_update(
        signal=signal,
        actor=cast.desk_staff,
        expected_version=signal.version,
        origin="Onderzoek naar subsidiefraude",
    )
    url = reverse("web:signal_detail", args=[signal.pk])
    client.force_login(cast.submitter)
    html = client.get(url).content.decode()
    assert edit_url(signal) in html
    assert "Onderzoek naar subsidiefraude" in html
    signal.refresh_from_db()
    from signaalloket.signals.services import signal_transition

    signal_transition(signal=signal, actor=cast.desk_staff, to=State.NOT_PURSUED, reason="Anders")
    html = client.get(url).content.decode()
    assert edit_url(signal) not in html


@pytest.mark.django_db
def test_new_page_query_count_is_fixed(client, cast):
    client.force_login(cast.desk_staff)

    def count(orgs):
        while OrganisationFactory._meta.model.objects.filter(kind="partner").count() < orgs:
            OrganisationFactory()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("signals:new")).status_code == 200
        return len(ctx)

    assert count(2) == count(40)


@pytest.mark.django_db
def test_transition_through_the_signal_page(client, cast, open_guards, monkeypatch):
    from signaalloket.core import panels

    monkeypatch.setattr(panels, "_panels", {})
    signal = build_signal(desk=cast.desk_staff, state=State.DRAFTING, lead=cast.lead)
    url = reverse("web:signal_transition", args=[signal.pk])
    client.force_login(cast.other_submitter)
    assert client.post(url, {"to": State.WITHDRAWN, "reason": "x"}).status_code == 404
    client.force_login(cast.submitter)
    response = client.post(url, {"to": State.FACT_CHECK, "expected_state": State.DRAFTING})
    assert response.status_code == 403
    response = client.post(
        url, {"to": State.WITHDRAWN, "expected_state": State.DRAFTING, "reason": ""}, follow=True
    )
    assert "Geef een reden op voor deze stap." in response.content.decode()
    assert Signal.objects.get(pk=signal.pk).state == State.DRAFTING
    response = client.post(
        url, {"to": State.WITHDRAWN, "expected_state": State.DRAFTING, "reason": "Opgelost"}
    )
    assert response.status_code == 302
    assert Signal.objects.get(pk=signal.pk).state == State.WITHDRAWN
    # A second press on the stale page changes nothing and explains why.
    response = client.post(
        url,
        {"to": State.WITHDRAWN, "expected_state": State.DRAFTING, "reason": "Nogmaals"},
        follow=True,
    )
    assert "intussen gewijzigd" in response.content.decode()
    assert StateChange.objects.filter(signal=signal, to_state=State.WITHDRAWN).count() == 1
