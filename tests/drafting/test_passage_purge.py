"""Issue 17, item 7: the desk purges a flagged passage from earlier draft versions."""

from io import StringIO

import pytest
from django.core.management import call_command

from signaalloket.audit.models import AuditEvent
from signaalloket.core.errors import NotAllowed, ValidationFailed
from signaalloket.drafting.models import DraftPassagePurge, DraftVersion
from signaalloket.drafting.permissions import may_purge_draft_passage
from signaalloket.drafting.services import draft_passage_purge, draft_save
from signaalloket.signals.states import State
from signaalloket.web.timeline import timeline_for
from tests.builders import build_signal
from tests.factories import make_user

PASSAGE = "dhr. J. de Vries"


def _signal_with_versions(desk):
    signal = build_signal(desk=desk, state=State.DRAFTING)
    draft_save(
        signal=signal, actor=desk, texts={"titel": f"Melding over {PASSAGE}"}, expected_number=0
    )
    draft_save(
        signal=signal, actor=desk, texts={"titel": f"Over {PASSAGE}, opnieuw"}, expected_number=1
    )
    draft_save(signal=signal, actor=desk, texts={"titel": "Geschoond"}, expected_number=2)
    return signal


@pytest.mark.django_db
def test_purge_removes_the_passage_from_earlier_versions_and_records_no_text(desk_user):
    signal = _signal_with_versions(desk_user)
    record = draft_passage_purge(
        signal=signal, actor=desk_user, passage=PASSAGE, reason="Naam van een burger"
    )
    texts = dict(DraftVersion.objects.filter(signal=signal).values_list("number", "texts"))
    assert texts[1]["titel"] == "Melding over [verwijderd]"
    assert texts[2]["titel"] == "Over [verwijderd], opnieuw"
    assert texts[3]["titel"] == "Geschoond"
    assert record.version_numbers == [1, 2] and record.actor == desk_user
    assert record.passage_length == len(PASSAGE) and len(record.passage_sha256) == 64
    assert PASSAGE not in str(DraftPassagePurge.objects.filter(pk=record.pk).values().get())
    event = AuditEvent.objects.get(signal=signal, event_type="draft.passage_purged")
    assert event.data["versions"] == [1, 2] and PASSAGE not in str(event.data)
    assert not any(PASSAGE in str(e.data) for e in AuditEvent.objects.filter(signal=signal)), (
        "draft audit events hold no draft text, so nothing in the chain needs changing"
    )
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "Auditlog in orde" in out.getvalue()
    entry = next(
        e
        for e in timeline_for(signal=signal, user=desk_user)
        if e.event_type == "draft.passage_purged"
    )
    assert "(1, 2)" in entry.text and entry.note == "Naam van een burger"


@pytest.mark.django_db
def test_purge_is_desk_only_and_needs_a_reason_and_a_present_passage(desk_user):
    signal = _signal_with_versions(desk_user)
    submitter = make_user("submitter", email="indiener@example.nl")
    assert may_purge_draft_passage(desk_user, signal)
    assert not may_purge_draft_passage(submitter, signal)
    with pytest.raises(NotAllowed):
        draft_passage_purge(signal=signal, actor=submitter, passage=PASSAGE, reason="x")
    with pytest.raises(ValidationFailed):
        draft_passage_purge(signal=signal, actor=desk_user, passage=PASSAGE, reason="  ")
    with pytest.raises(ValidationFailed):
        draft_passage_purge(signal=signal, actor=desk_user, passage="niet aanwezig", reason="x")
    assert not DraftPassagePurge.objects.exists()
    assert DraftVersion.objects.get(signal=signal, number=1).texts["titel"].endswith(PASSAGE)
