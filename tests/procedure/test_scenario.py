"""One signal, three addressed ministries, from drafting to closed, through the services."""

import datetime as dt

import icalendar
import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from signaalloket.deadlines.models import Deadline
from signaalloket.documents.models import Document
from signaalloket.meetings.services import meeting_record_outcome, meeting_schedule, meeting_update
from signaalloket.notifications.models import Notification
from signaalloket.procedure.selectors import contribution_progress, overdue
from signaalloket.procedure.services import (
    effect_answer_submit,
    response_deliver,
    response_register,
)
from signaalloket.signals.models import Signal
from signaalloket.signals.services import signal_transition
from signaalloket.signals.services.participants import (
    addressee_set_contribution,
    submitter_approve,
)
from signaalloket.signals.states import State

from .helpers import at, make_world, pdf, prepare_draft, world_signal


def run_jobs():
    call_command("run_due_jobs", stdout=open("/dev/null", "w"))  # noqa: SIM115


def new_notifications(since_id: int) -> list[Notification]:
    return list(Notification.objects.filter(id__gt=since_id).order_by("id"))


def last_id() -> int:
    return Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0


def told(notifications, kind) -> set[int]:
    return {n.recipient_id for n in notifications if n.kind == kind}


@pytest.mark.django_db(transaction=True)
def test_signal_from_drafting_to_closed(desk_user):
    world = make_world(desk_user)
    officials = {o.pk for o in world.officials}
    sub = world.submitter.pk

    with time_machine.travel(at(2026, 1, 5), tick=False):
        signal = world_signal(world)
        signal = signal_transition(signal=signal, actor=desk_user, to=State.DRAFTING)
        prepare_draft(signal, desk_user)
        mark = last_id()
        signal = signal_transition(signal=signal, actor=desk_user, to=State.FACT_CHECK)
        got = new_notifications(mark)
        assert told(got, "fact_check_started") == officials | {sub}
        assert len(got) == 4
        assert world.outsider_official.pk not in {n.recipient_id for n in got}

        # Fact-check meeting: invitation, then an update with the same UID and a higher SEQUENCE
        mail.outbox.clear()
        meeting = meeting_schedule(
            signal=signal,
            actor=desk_user,
            starts_at=at(2026, 1, 20, 14),
            ends_at=at(2026, 1, 20, 15, 30),
            location="Den Haag, Turfmarkt 147",
        )
        assert sorted(m.to[0] for m in mail.outbox) == sorted(
            [world.submitter.email] + [o.email for o in world.officials]
        )
        first = icalendar.Calendar.from_ical(mail.outbox[0].attachments[0][1])
        assert str(first["METHOD"]) == "REQUEST"
        mail.outbox.clear()
        meeting = meeting_update(
            meeting=meeting,
            actor=desk_user,
            starts_at=at(2026, 1, 21, 14),
            ends_at=at(2026, 1, 21, 15),
            video_link="https://video.example.nl/overleg",
            expected_version=meeting.version,
        )
        update = icalendar.Calendar.from_ical(mail.outbox[0].attachments[0][1])
        event = update.walk("VEVENT")[0]
        assert str(event["UID"]) == meeting.uid
        assert int(event["SEQUENCE"]) == 1
        assert len(mail.outbox) == 4

    with time_machine.travel(at(2026, 1, 21, 16), tick=False):
        mark = last_id()
        meeting_record_outcome(
            meeting=meeting,
            actor=desk_user,
            outcome="confirmed",
            minutes="Verslag",
            findings="Feiten kloppen",
            minutes_file=pdf("verslag.pdf"),
            expected_version=meeting.version,
        )
        signal.refresh_from_db()
        assert signal.state == State.DECISION
        got = new_notifications(mark)
        assert told(got, "approval_requested") == {sub, world.rep.pk}
        assert Document.objects.filter(signal=signal, kind="minutes").count() == 1

    with time_machine.travel(at(2026, 1, 26), tick=False):
        mark = last_id()
        submitter_approve(submitter=signal.submitters.get(), actor=world.rep)
        assert [(n.recipient_id, n.kind) for n in new_notifications(mark)] == [
            (desk_user.pk, "approvals_complete")
        ]
        mark = last_id()
        signal = signal_transition(signal=signal, actor=desk_user, to=State.OFFERED)
        assert signal.state == State.OFFERED
        got = new_notifications(mark)
        assert told(got, "offered") == officials | {sub}
        assert len(got) == 4
        response = Deadline.objects.get(signal=signal, kind="response")
        assert response.due_date == dt.date(2026, 4, 26)
        assert Document.objects.filter(signal=signal, kind="offering_letter").count() == 2

    # Reminders before the 3-month boundary: 28 days, 7 days, on the day; each exactly once
    def reminders():
        return Notification.objects.filter(kind__in=["response_reminder", "response_overdue"])

    with time_machine.travel(at(2026, 3, 28), tick=False):  # 29 days before: nothing yet
        run_jobs()
        assert reminders().count() == 0
    with time_machine.travel(at(2026, 3, 29), tick=False):  # 28 days before
        run_jobs()
        run_jobs()
        assert {n.recipient_id for n in reminders()} == officials | {desk_user.pk}
        assert reminders().count() == 4
    addressees = list(signal.addressees.select_related("office", "contact_official"))
    for addressee in addressees[:2]:
        addressee_set_contribution(
            addressee=addressee,
            actor=addressee.contact_official,
            status="contributed",
            expected_version=addressee.version,
        )
    progress = contribution_progress(signal.addressees.select_related("office"))
    assert (progress.contributed, progress.total) == (2, 3)
    with time_machine.travel(at(2026, 4, 19), tick=False):  # 7 days before
        mark = last_id()
        run_jobs()
        run_jobs()
        got = new_notifications(mark)
        # ministries that contributed are not reminded any more; the desk is
        assert {n.recipient_id for n in got} == {addressees[2].contact_official_id, desk_user.pk}
    with time_machine.travel(at(2026, 4, 26), tick=False):  # the day itself
        mark = last_id()
        run_jobs()
        assert len(new_notifications(mark)) == 2
        assert not overdue().exists()
    with time_machine.travel(at(2026, 4, 27), tick=False):  # one day late: overdue, no message
        mark = last_id()
        run_jobs()
        assert new_notifications(mark) == []
        assert list(overdue()) == [signal]
    with time_machine.travel(at(2026, 5, 3), tick=False):  # a week late
        mark = last_id()
        run_jobs()
        run_jobs()
        got = new_notifications(mark)
        assert {n.kind for n in got} == {"response_overdue"}
        assert len(got) == 2

    with time_machine.travel(at(2026, 5, 6), tick=False):
        mark = last_id()
        third = addressees[2]
        third.refresh_from_db()
        addressee_set_contribution(
            addressee=third,
            actor=third.contact_official,
            status="contributed",
            expected_version=third.version,
        )
        # everyone contributed: the desk and the penvoerder's contact official hear so
        penvoerder = next(a for a in addressees if a.is_coordinating).contact_official
        assert told(new_notifications(mark), "contributions_complete") == {
            desk_user.pk,
            penvoerder.pk,
        } - {third.contact_official_id}
        mark = last_id()
        signal = response_register(
            signal=signal,
            actor=desk_user,
            uploaded_file=pdf("reactie.pdf"),
            response_date=dt.date(2026, 5, 4),
        )
        assert signal.state == State.RESPONSE_RECEIVED
        assert signal.response_received_on == dt.date(2026, 5, 4)
        assert told(new_notifications(mark), "response_received") == officials
        mark = last_id()
        signal = response_deliver(signal=signal, actor=desk_user)
        assert told(new_notifications(mark), "response_delivered") == {sub}
        effect = Deadline.objects.get(signal=signal, kind="effect_inquiry")
        assert effect.due_date == dt.date(2026, 11, 6)
    with time_machine.travel(at(2026, 5, 13), tick=False):  # no more overdue reminders
        mark = last_id()
        run_jobs()
        assert new_notifications(mark) == []

    # The 6-month boundary: the day before nothing, on the day the inquiry starts, once
    with time_machine.travel(at(2026, 11, 5, 23, 30), tick=False):
        run_jobs()
        assert Signal.objects.get(pk=signal.pk).state == State.RESPONSE_DELIVERED
    with time_machine.travel(at(2026, 11, 6, 6), tick=False):
        mark = last_id()
        run_jobs()
        run_jobs()
        signal.refresh_from_db()
        assert signal.state == State.EFFECT_INQUIRY
        got = new_notifications(mark)
        assert [(n.recipient_id, n.kind) for n in got] == [(sub, "effect_inquiry")]
        assert got[0].url == f"/signalen/{signal.pk}/effectmeting/"
    with time_machine.travel(at(2026, 12, 3), tick=False):  # 27 days: no reminder yet
        mark = last_id()
        run_jobs()
        assert new_notifications(mark) == []
    with time_machine.travel(at(2026, 12, 4, 11), tick=False):  # 4 weeks: one reminder
        mark = last_id()
        run_jobs()
        run_jobs()
        got = new_notifications(mark)
        assert [(n.recipient_id, n.kind) for n in got] == [(sub, "effect_reminder")]
    with time_machine.travel(at(2026, 12, 5), tick=False):
        mark = last_id()
        effect_answer_submit(
            signal=signal, actor=world.submitter, outcome="policy_changed", explanation="Ja"
        )
        assert [(n.recipient_id, n.kind) for n in new_notifications(mark)] == [
            (desk_user.pk, "effect_answered")
        ]
        mark = last_id()
        signal = signal_transition(signal=signal, actor=desk_user, to=State.CLOSED)
        assert signal.state == State.CLOSED
        assert told(new_notifications(mark), "closed") == {sub}
    with time_machine.travel(at(2027, 6, 1), tick=False):
        mark = last_id()
        run_jobs()
        assert new_notifications(mark) == []

    # Every notification e-mail carried the reference and a link, never the title or summary
    for message in mail.outbox:
        assert signal.title not in message.body
        assert "Geheime samenvatting" not in message.body
    kinds = Deadline.objects.filter(signal=signal).values_list("kind", "status")
    assert sorted(kinds) == [
        ("effect_answer", "met"),
        ("effect_inquiry", "met"),
        ("response", "met"),
    ]
