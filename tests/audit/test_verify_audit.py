import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from signaalloket.audit.models import AuditEvent
from signaalloket.audit.services import audit_chain_verify, audit_event_record
from tests.builders import build_signal


def run_verify():
    from io import StringIO

    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_intact_chain_reports_ok(desk_user):
    build_signal(desk=desk_user)
    output = run_verify()
    assert "Auditlog in orde" in output
    assert f"{AuditEvent.objects.count()} gebeurtenissen" in output


@pytest.mark.django_db
def test_empty_log_is_ok(db):
    assert "Auditlog in orde: 0 gebeurtenissen" in run_verify()


@pytest.mark.django_db
def test_edited_row_breaks_the_chain_and_is_named(desk_user):
    build_signal(desk=desk_user, title="Eerste")
    build_signal(desk=desk_user, title="Tweede")
    events = list(AuditEvent.objects.order_by("seq"))
    victim = events[len(events) // 2]
    AuditEvent.objects.filter(pk=victim.pk).update(data={"title": "Stilletjes aangepast"})
    with pytest.raises(CommandError) as failed:
        run_verify()
    message = str(failed.value)
    assert f"volgnummer {victim.seq} (id {victim.pk})" in message
    assert "inhoud is gewijzigd" in message
    assert failed.value.returncode == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"event_type": "signal.deleted"}, "inhoud is gewijzigd"),
        ({"actor": None}, "inhoud is gewijzigd"),
        ({"prev_hash": "f" * 64}, "verwijzing naar vorige gebeurtenis klopt niet"),
        ({"hash": "0" * 64}, "inhoud is gewijzigd"),
    ],
)
def test_other_edits_are_detected(desk_user, change, reason):
    build_signal(desk=desk_user)
    build_signal(desk=desk_user)
    build_signal(desk=desk_user)
    victim = AuditEvent.objects.order_by("seq")[1]
    AuditEvent.objects.filter(pk=victim.pk).update(**change)
    problem = audit_chain_verify()
    assert (problem.seq, problem.event_id) == (victim.seq, victim.pk)
    assert reason in problem.reason


@pytest.mark.django_db
def test_deleted_row_is_detected(desk_user):
    build_signal(desk=desk_user)
    build_signal(desk=desk_user)
    build_signal(desk=desk_user)
    victim = AuditEvent.objects.order_by("seq")[1]
    AuditEvent.objects.filter(pk=victim.pk)._raw_delete(AuditEvent.objects.db)
    problem = audit_chain_verify()
    assert problem.seq == victim.seq + 1
    assert "ontbreekt" in problem.reason


@pytest.mark.django_db
def test_deleted_tail_is_detected(desk_user):
    build_signal(desk=desk_user)
    last = AuditEvent.objects.order_by("-seq").first()
    AuditEvent.objects.filter(pk=last.pk)._raw_delete(AuditEvent.objects.db)
    problem = audit_chain_verify()
    assert "ontbreken" in problem.reason
    with pytest.raises(CommandError):
        run_verify()


@pytest.mark.django_db
def test_events_cannot_be_changed_or_deleted_through_the_model(desk_user):
    event = audit_event_record(event_type="test.event", actor=desk_user, data={"a": 1})
    event.data = {"a": 2}
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()
    assert audit_chain_verify() is None


@pytest.mark.django_db
def test_dates_in_data_are_stored_as_hashed(desk_user):
    import datetime as dt

    event = audit_event_record(event_type="test.event", data={"due": dt.date(2028, 2, 29), "n": 1})
    event.refresh_from_db()
    assert event.data == {"due": "2028-02-29", "n": 1}
    assert audit_chain_verify() is None


@pytest.mark.django_db
def test_rewritten_tail_is_detected_through_the_head(desk_user):
    """Recomputing the hash of the last event does not help: the head remembers it."""
    from signaalloket.audit.services import _content_hash

    build_signal(desk=desk_user)
    last = AuditEvent.objects.order_by("-seq").first()
    forged = {"title": "Vervalst"}
    digest = _content_hash(
        seq=last.seq,
        created_at=last.created_at.isoformat(),
        actor_id=last.actor_id,
        organisation_id=last.organisation_id,
        signal_id=last.signal_id,
        event_type=last.event_type,
        data=forged,
        prev_hash=last.prev_hash,
    )
    AuditEvent.objects.filter(pk=last.pk).update(data=forged, hash=digest)
    problem = audit_chain_verify()
    assert problem is not None
    assert problem.seq == last.seq
    assert "ketenkop" in problem.reason
