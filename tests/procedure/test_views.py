import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from signaalloket.documents.models import Document
from signaalloket.procedure.models import EffectAnswer
from signaalloket.signals.models import Addressee
from signaalloket.signals.services import signal_transition
from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.factories import OfficeFactory, make_user, ministry_organisation

from .helpers import make_world, pdf, walk, world_signal

pytestmark = pytest.mark.django_db


def test_desk_adds_addressee_with_contact_official(client, desk_user):
    world = make_world(desk_user, ministries=1)
    signal = world_signal(world, contacts=False)
    office = OfficeFactory()
    official = make_user("official", organisation=ministry_organisation(office.ministry))
    client.force_login(desk_user)
    page = client.get(f"/signalen/{signal.pk}/geadresseerden/")
    assert page.status_code == 200
    assert str(office) in page.content.decode()
    response = client.post(
        f"/signalen/{signal.pk}/geadresseerden/",
        {"office": office.pk, "is_coordinating": "on", "contact_official": official.pk},
    )
    assert response.status_code == 302
    added = Addressee.objects.get(signal=signal, office=office)
    assert added.is_coordinating and added.contact_official == official
    assert Addressee.objects.filter(signal=signal, is_coordinating=True).count() == 1


def test_contact_official_must_belong_to_the_ministry(client, desk_user):
    world = make_world(desk_user, ministries=1)
    signal = world_signal(world, contacts=False)
    office = OfficeFactory()
    client.force_login(desk_user)
    response = client.post(
        f"/signalen/{signal.pk}/geadresseerden/",
        {"office": office.pk, "contact_official": world.officials[0].pk},
    )
    assert response.status_code == 400
    assert "ambtenaar zijn bij het ministerie" in response.content.decode()
    assert not Addressee.objects.filter(signal=signal, office=office).exists()


def test_edit_addressee_sets_penvoerder_and_contact(client, desk_user):
    world = make_world(desk_user, ministries=2)
    signal = world_signal(world, contacts=False)
    second = signal.addressees.get(office=world.offices[1])
    client.force_login(desk_user)
    response = client.post(
        f"/signalen/{signal.pk}/geadresseerden/{second.pk}/",
        {
            "is_coordinating": "on",
            "contact_official": world.officials[1].pk,
            "expected_version": second.version,
        },
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.is_coordinating and second.contact_official == world.officials[1]
    assert signal.addressees.filter(is_coordinating=True).count() == 1
    stale = client.post(
        f"/signalen/{signal.pk}/geadresseerden/{second.pk}/",
        {"is_coordinating": "on", "expected_version": 1},
    )
    assert stale.status_code == 409


def offered_world(desk_user):
    world = make_world(desk_user)
    signal = world_signal(world)
    signal = walk(signal, desk_user, State.DRAFTING, State.FACT_CHECK, State.DECISION)
    from signaalloket.signals.services.participants import submitter_approve

    submitter_approve(submitter=signal.submitters.get(), actor=world.rep)

    return world, signal_transition(signal=signal, actor=desk_user, to=State.OFFERED)


def test_contribution_via_htmx_and_plain_form(client, desk_user):
    world, signal = offered_world(desk_user)
    addressees = {a.office_id: a for a in signal.addressees.all()}
    mine = addressees[world.offices[0].pk]
    client.force_login(world.officials[0])
    page = client.get(f"/signalen/{signal.pk}/")
    assert "0 van 3 ministeries hebben bijgedragen" in page.content.decode()
    response = client.post(
        f"/signalen/{signal.pk}/geadresseerden/{mine.pk}/bijdrage/",
        {"status": "contributed", "expected_version": mine.version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "1 van 3 ministeries hebben bijgedragen" in response.content.decode()
    assert "<html" not in response.content.decode()
    other = addressees[world.offices[1].pk]
    forbidden = client.post(
        f"/signalen/{signal.pk}/geadresseerden/{other.pk}/bijdrage/",
        {"status": "working", "expected_version": other.version},
    )
    assert forbidden.status_code == 403
    client.force_login(world.officials[1])
    plain = client.post(
        f"/signalen/{signal.pk}/geadresseerden/{other.pk}/bijdrage/",
        {"status": "contributed", "expected_version": other.version},
    )
    assert plain.status_code == 302
    page = client.get(f"/signalen/{signal.pk}/")
    assert "2 van 3 ministeries hebben bijgedragen" in page.content.decode()


def test_offer_page_flow_and_letters(client, desk_user):
    world = make_world(desk_user)
    signal = walk(world_signal(world), desk_user, State.DRAFTING, State.FACT_CHECK, State.DECISION)
    submitter = signal.submitters.get()
    client.force_login(desk_user)
    page = client.get(f"/signalen/{signal.pk}/").content.decode()
    assert "Aanbieden kan zodra alle indienende organisaties hebben ingestemd." in page
    refused = client.post(f"/signalen/{signal.pk}/aanbieden/", follow=True)
    assert "Nog niet alle indienende organisaties" in refused.content.decode()
    offline = client.post(
        f"/signalen/{signal.pk}/instemming/{submitter.pk}/buiten-applicatie/",
        {"letter": pdf("getekend.pdf"), "note": "Per post ontvangen"},
    )
    assert offline.status_code == 302
    submitter.refresh_from_db()
    assert submitter.approval_kind == "offline"
    assert Document.objects.filter(signal=signal, kind="approval_letter").count() == 1
    letter = client.get(f"/signalen/{signal.pk}/aanbiedingsbrief.pdf")
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
    docx = client.get(f"/signalen/{signal.pk}/aanbiedingsbrief.docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    response = client.post(f"/signalen/{signal.pk}/aanbieden/", {"expected_state": "decision"})
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.state == State.OFFERED
    assert Document.objects.filter(signal=signal, kind="offering_letter").count() == 2


def test_letter_contains_reference_addressees_deadline_and_desk(desk_user):
    import io

    from docx import Document as Docx

    from signaalloket.procedure.letters import offering_letter_docx

    world, signal = offered_world(desk_user)
    text = "\n".join(p.text for p in Docx(io.BytesIO(offering_letter_docx(signal))).paragraphs)
    assert signal.reference in text
    assert "loketbs@liec.nl" in text and "070 - 370 6370" in text
    for office in world.offices:
        assert str(office) in text
    due = signal.deadlines.get(kind="response").due_date
    assert f"{due.day} " in text and str(due.year) in text


def test_strategic_rep_approves_in_app(client, desk_user):
    world = make_world(desk_user, ministries=1)
    signal = walk(world_signal(world), desk_user, State.DRAFTING, State.FACT_CHECK, State.DECISION)
    submitter = signal.submitters.get()
    client.force_login(world.submitter)
    assert client.post(f"/signalen/{signal.pk}/instemming/{submitter.pk}/").status_code == 403
    client.force_login(world.rep)
    page = client.get(f"/signalen/{signal.pk}/").content.decode()
    # issue 17: the panel links to a page that shows what is approved, then a confirmed POST
    assert "Tekst bekijken en instemmen namens mijn organisatie" in page
    shown = client.get(f"/signalen/{signal.pk}/instemming/{submitter.pk}/")
    assert shown.status_code == 200
    form = shown.context["form"]
    data = {**{k: form.initial[k] for k in ("version", "content_hash", "annexes_hash")}}
    url = f"/signalen/{signal.pk}/instemming/{submitter.pk}/"
    assert client.post(url, data).status_code == 400  # no confirmation
    assert client.post(url, {**data, "confirm": "on"}).status_code == 302
    submitter.refresh_from_db()
    assert submitter.approved_by == world.rep and submitter.approval_kind == "in_app"


def test_response_registration_and_delivery(client, desk_user):
    _world, signal = offered_world(desk_user)
    client.force_login(desk_user)
    future = client.post(
        f"/signalen/{signal.pk}/reactie/",
        {"file": pdf(), "response_date": (dt.date.today() + dt.timedelta(days=3)).isoformat()},
    )
    assert future.status_code == 400
    signal.refresh_from_db()
    assert signal.state == State.OFFERED
    ok = client.post(
        f"/signalen/{signal.pk}/reactie/",
        {"file": pdf(), "response_date": dt.date.today().isoformat()},
    )
    assert ok.status_code == 302
    signal.refresh_from_db()
    assert signal.state == State.RESPONSE_RECEIVED
    assert Document.objects.filter(signal=signal, kind="response").count() == 1
    client.post(
        f"/signalen/{signal.pk}/reactie/aanbieden/", {"expected_state": "response_received"}
    )
    signal.refresh_from_db()
    assert signal.state == State.RESPONSE_DELIVERED


def test_effect_form(client, desk_user):
    signal = build_signal(desk=desk_user, state=State.EFFECT_INQUIRY)
    lead = signal.submitters.get().organisation
    lead_rep = make_user("submitter", organisation=lead)
    outsider = make_user("submitter")
    client.force_login(outsider)
    assert client.get(f"/signalen/{signal.pk}/effectmeting/").status_code == 404
    client.force_login(lead_rep)
    page = client.get(f"/signalen/{signal.pk}/effectmeting/")
    assert page.status_code == 200
    assert "Wet- of regelgeving is aangepast" in page.content.decode()
    bad = client.post(f"/signalen/{signal.pk}/effectmeting/", {"outcome": "other"})
    assert bad.status_code == 400
    assert not EffectAnswer.objects.exists()
    good = client.post(
        f"/signalen/{signal.pk}/effectmeting/",
        {"outcome": "law_changed", "explanation": "Regeling aangepast."},
    )
    assert good.status_code == 302
    answer = EffectAnswer.objects.get()
    assert answer.organisation == lead and answer.answered_by == lead_rep
    closed = signal_transition(signal=signal, actor=desk_user, to=State.CLOSED)
    assert closed.state == State.CLOSED


def test_signal_page_query_count_does_not_grow(client, desk_user):
    small = build_signal(
        desk=desk_user, state=State.OFFERED, offices=[OfficeFactory() for _ in range(2)]
    )
    big = build_signal(
        desk=desk_user,
        state=State.OFFERED,
        offices=[OfficeFactory() for _ in range(12)],
        co_submitters=[make_user("submitter").memberships.get().organisation for _ in range(3)],
    )
    client.force_login(desk_user)
    client.get(f"/signalen/{small.pk}/")
    counts = []
    for signal in (small, big):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/signalen/{signal.pk}/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    del mail.outbox[:]


def test_generic_status_button_also_stores_the_offering_letter(
    client, desk_user, django_capture_on_commit_callbacks
):
    world = make_world(desk_user, ministries=1)
    signal = walk(world_signal(world), desk_user, State.DRAFTING, State.FACT_CHECK, State.DECISION)
    from signaalloket.signals.services.participants import submitter_approve

    submitter_approve(submitter=signal.submitters.get(), actor=world.rep)
    client.force_login(desk_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/signalen/{signal.pk}/status/", {"to": "offered", "expected_state": "decision"}
        )
    assert response.status_code == 302
    letters = Document.objects.filter(signal=signal, kind="offering_letter")
    assert letters.count() == 2
    assert {d.created_by_id for d in letters} == {desk_user.pk}


def test_failed_mail_is_sent_by_the_outbox_job(
    desk_user, django_capture_on_commit_callbacks, monkeypatch
):
    import time_machine

    from signaalloket.notifications import services
    from signaalloket.notifications.jobs import send_pending_mail
    from signaalloket.notifications.models import Notification

    from .helpers import at

    def broken(**kwargs):
        raise OSError("SMTP down")

    with time_machine.travel(at(2026, 2, 1, 9), tick=False):
        monkeypatch.setattr(services, "email_send", broken)
        with django_capture_on_commit_callbacks(execute=True):
            services.notification_create_many(
                recipients=[desk_user], signal=None, kind="offered", text="Test"
            )
        assert Notification.objects.get().emailed_at is None
        monkeypatch.undo()
        assert send_pending_mail(at(2026, 2, 1, 9, 1)) == 0  # not yet: may still be sending
    with time_machine.travel(at(2026, 2, 1, 9, 10), tick=False):
        assert send_pending_mail(at(2026, 2, 1, 9, 10)) == 1
        assert send_pending_mail(at(2026, 2, 1, 9, 10)) == 0
    assert len(mail.outbox) == 1


def test_stale_contribution_via_htmx_shows_error_and_changes_nothing(client, desk_user):
    world, signal = offered_world(desk_user)
    addressee = signal.addressees.get(office=world.offices[0])
    client.force_login(desk_user)
    response = client.post(
        f"/signalen/{signal.pk}/geadresseerden/{addressee.pk}/bijdrage/",
        {"status": "working", "expected_version": addressee.version + 5},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "intussen gewijzigd" in response.content.decode()
    addressee.refresh_from_db()
    assert addressee.contribution_status == "not_started"


def test_submitter_adds_addressee_without_seeing_the_officials(client, desk_user):
    world = make_world(desk_user, ministries=1)
    signal = world_signal(world)
    signal = walk(signal, desk_user, State.DRAFTING)
    office = OfficeFactory()
    official = make_user("official", organisation=ministry_organisation(office.ministry))
    client.force_login(world.submitter)
    page = client.get(f"/signalen/{signal.pk}/geadresseerden/").content.decode()
    assert official.email not in page and 'name="contact_official"' not in page
    response = client.post(
        f"/signalen/{signal.pk}/geadresseerden/",
        {"office": office.pk, "contact_official": official.pk},
    )
    assert response.status_code == 302
    added = Addressee.objects.get(signal=signal, office=office)
    assert added.contact_official is None
    edit = client.get(f"/signalen/{signal.pk}/geadresseerden/{added.pk}/").content.decode()
    assert 'name="contact_official"' not in edit
