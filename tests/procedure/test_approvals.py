"""Approval of an exact text (issue 17, item 2): bound to version, hash and annexes; lapses."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from signaalloket.audit.models import AuditEvent
from signaalloket.core.errors import Conflict
from signaalloket.documents.services import document_retract, document_upload
from signaalloket.drafting.models import DraftVersion
from signaalloket.drafting.services import draft_save
from signaalloket.notifications.models import Notification, NotificationKind
from signaalloket.procedure.approvals_services import (
    all_submitters_approved,
    approval_basis,
    submission_approve,
)
from signaalloket.procedure.letters import letter_paragraphs, offering_letter_context
from signaalloket.procedure.models import SubmissionApproval
from signaalloket.procedure.services import approval_record_offline
from signaalloket.signals.services import signal_transition
from signaalloket.signals.states import State
from signaalloket.signals.workflow import ALL_APPROVED
from signaalloket.web.timeline import describe
from tests.builders_hooks import small_pdf_bytes

from .helpers import make_world, pdf, walk, world_signal

pytestmark = pytest.mark.django_db


def _decision(desk_user):
    world = make_world(desk_user, ministries=1)
    world.rep.full_name = "Mr. A. Vertegenwoordiger"
    world.rep.function_title = "Burgemeester"
    world.rep.save()
    signal = walk(world_signal(world), desk_user, State.DRAFTING, State.FACT_CHECK, State.DECISION)
    return world, signal, signal.submitters.get()


def _approve(world, signal, submitter):
    basis = approval_basis(signal)
    return submission_approve(
        submitter=submitter,
        actor=world.rep,
        version=basis.number,
        content_hash=basis.content_hash,
        annexes_hash=basis.annexes_hash,
    )


def _new_version(signal, actor):
    latest = DraftVersion.objects.filter(signal=signal).order_by("-number").first()
    texts = {**latest.texts}
    key = next(iter(texts))
    texts[key] = texts[key] + " Aangepast na instemming."
    return draft_save(signal=signal, actor=actor, texts=texts, expected_number=latest.number)


def test_approval_binds_version_hash_annexes_and_signer(desk_user):
    world, signal, submitter = _decision(desk_user)
    document_upload(
        signal=signal,
        actor=desk_user,
        uploaded_file=pdf("bijlage.pdf"),
        kind="attachment",
        title="Bijlage A",
        confidentiality=signal.confidentiality,
    )
    basis = approval_basis(signal)
    _approve(world, signal, submitter)
    record = SubmissionApproval.objects.get(submitter=submitter)
    assert record.version_number == basis.number
    assert record.draft_version == basis.draft_version
    assert len(record.content_hash) == 64 and record.content_hash == basis.content_hash
    assert [a["title"] for a in record.annexes] == ["Bijlage A"]
    assert len(record.annexes[0]["sha256"]) == 64
    assert record.approver == world.rep and record.approver_name == "Mr. A. Vertegenwoordiger"
    assert record.approver_function == "Burgemeester"
    assert record.approver_organisation == world.lead.name and record.kind == "in_app"
    submitter.refresh_from_db()
    assert submitter.approved_by == world.rep and submitter.approved_at == record.approved_at
    assert all_submitters_approved(signal)


def test_stale_post_is_refused_and_changes_nothing(client, desk_user):
    world, signal, submitter = _decision(desk_user)
    client.force_login(world.rep)
    url = f"/signalen/{signal.pk}/instemming/{submitter.pk}/"
    form = client.get(url).context["form"]
    shown = {k: form.initial[k] for k in ("version", "content_hash", "annexes_hash")}
    _new_version(signal, desk_user)  # someone changes the text in between
    response = client.post(url, {**shown, "confirm": "on"})
    assert response.status_code == 409
    assert "gewijzigd" in response.content.decode()
    assert not SubmissionApproval.objects.exists()
    submitter.refresh_from_db()
    assert submitter.approved_at is None
    assert not AuditEvent.objects.filter(event_type="submitter.approved").exists()


def test_confirmation_page_shows_what_is_approved(client, desk_user):
    world, signal, submitter = _decision(desk_user)
    client.force_login(world.rep)
    page = client.get(f"/signalen/{signal.pk}/instemming/{submitter.pk}/").content.decode()
    basis = approval_basis(signal)
    assert f"versie {basis.number} van de tekst, met deze bijlagen" in page
    assert basis.content_hash in page
    assert str(signal.addressees.get().office) in page
    client.force_login(world.submitter)  # not the representative
    assert client.get(f"/signalen/{signal.pk}/instemming/{submitter.pk}/").status_code == 403


def test_text_edit_lapses_approvals_and_blocks_offering(desk_user):
    world, signal, submitter = _decision(desk_user)
    _approve(world, signal, submitter)
    assert all_submitters_approved(signal)
    _new_version(signal, world.submitter)  # a submitter may still edit in DECISION
    record = SubmissionApproval.objects.get(submitter=submitter)
    assert record.lapsed_at is not None and "versie" in record.lapse_reason
    submitter.refresh_from_db()
    assert submitter.approved_at is None
    assert Notification.objects.filter(
        recipient=world.rep, kind=NotificationKind.APPROVAL_LAPSED
    ).exists()
    lapsed = AuditEvent.objects.get(event_type="approval.lapsed")
    assert "vervallen" in describe(lapsed)[0]  # shown in the timeline
    assert not all_submitters_approved(signal)
    with pytest.raises(Exception) as refused:
        signal_transition(signal=signal, actor=desk_user, to=State.OFFERED)
    assert str(ALL_APPROVED.message) in str(refused.value)
    signal.refresh_from_db()
    assert signal.state == State.DECISION
    _approve(world, signal, submitter)  # approving the new version makes offering possible
    assert signal_transition(signal=signal, actor=desk_user, to=State.OFFERED).state == "offered"


def test_annex_upload_and_retraction_lapse_approvals(desk_user):
    world, signal, submitter = _decision(desk_user)
    _approve(world, signal, submitter)
    document = document_upload(
        signal=signal,
        actor=desk_user,
        uploaded_file=pdf("extra.pdf"),
        kind="attachment",
        title="Extra bijlage",
        confidentiality=signal.confidentiality,
    )
    assert SubmissionApproval.objects.get().lapsed_at is not None
    assert not all_submitters_approved(signal)
    _approve(world, signal, submitter)
    document_retract(document=document, actor=desk_user, reason="Verkeerd bestand")
    assert SubmissionApproval.objects.current().count() == 0
    assert SubmissionApproval.objects.count() == 2  # never deleted


def test_other_documents_do_not_lapse(desk_user):
    world, signal, submitter = _decision(desk_user)
    _approve(world, signal, submitter)
    document_upload(
        signal=signal,
        actor=desk_user,
        uploaded_file=pdf("notitie.pdf"),
        kind="other",
        title="Notitie",
        confidentiality=signal.confidentiality,
    )
    assert SubmissionApproval.objects.current().count() == 1


def test_offline_approval_is_recorded_against_current_version(desk_user):
    _world, signal, submitter = _decision(desk_user)
    letter = SimpleUploadedFile("brief.pdf", small_pdf_bytes(), "application/pdf")
    approval_record_offline(submitter=submitter, actor=desk_user, uploaded_file=letter)
    record = SubmissionApproval.objects.get(submitter=submitter)
    assert record.kind == "offline" and record.recorded_by == desk_user
    assert record.version_number == approval_basis(signal).number
    assert all_submitters_approved(signal)


def test_letter_names_the_approvers(desk_user):
    world, signal, submitter = _decision(desk_user)
    _approve(world, signal, submitter)
    text = "\n".join(letter_paragraphs(offering_letter_context(signal)))
    assert "Mr. A. Vertegenwoordiger (Burgemeester)" in text
    assert world.lead.name in text
    assert f"versie {approval_basis(signal).number}" in text


def test_panel_shows_who_approved_which_version(client, desk_user):
    world, signal, submitter = _decision(desk_user)
    _approve(world, signal, submitter)
    client.force_login(desk_user)
    page = client.get(f"/signalen/{signal.pk}/").content.decode()
    assert "ingestemd door Mr. A. Vertegenwoordiger (Burgemeester) met versie" in page
    _new_version(signal, desk_user)
    page = client.get(f"/signalen/{signal.pk}/").content.decode()
    assert "vervallen" in page


def test_conflict_for_stale_service_call(desk_user):
    world, signal, submitter = _decision(desk_user)
    basis = approval_basis(signal)
    with pytest.raises(Conflict):
        submission_approve(
            submitter=submitter,
            actor=world.rep,
            version=basis.number,
            content_hash="0" * 64,
            annexes_hash=basis.annexes_hash,
        )
    assert not SubmissionApproval.objects.exists()
