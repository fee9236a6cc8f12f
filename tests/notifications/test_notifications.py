import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from signaalloket.deadlines.models import Deadline
from signaalloket.deadlines.services import deadline_extend
from signaalloket.notifications.jobs import reminder_key, send_digests, send_response_reminders
from signaalloket.notifications.models import Notification
from signaalloket.notifications.services import (
    notification_create_many,
    notification_preference_set,
)
from signaalloket.signals.services import signal_transition
from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.factories import make_user
from tests.procedure.helpers import at

pytestmark = pytest.mark.django_db


def run_jobs():
    call_command("run_due_jobs", stdout=open("/dev/null", "w"))  # noqa: SIM115


def note(user, signal=None, text="Signaal BS-1 is aangeboden.", **extra):
    return notification_create_many(
        recipients=[user], signal=signal, kind="offered", text=text, url="/", **extra
    )


def test_unread_count_in_header_with_one_query(client, desk_user):
    other = make_user("submitter")
    for _ in range(3):
        note(desk_user)
    note(other)
    client.force_login(desk_user)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get("/berichten/").content.decode()
    assert "3 ongelezen" in page
    counting = [q for q in ctx.captured_queries if "notifications_notification" in q["sql"]]
    # the header count (one COUNT) plus the inbox page itself (count + page)
    assert sum("COUNT" in q["sql"].upper() for q in counting) == 2


def test_open_marks_read_and_only_own(client, desk_user):
    other = make_user("submitter")
    (mine,) = note(desk_user)
    (theirs,) = note(other)
    client.force_login(desk_user)
    assert client.get(f"/berichten/{theirs.pk}/").status_code == 404
    assert client.post(f"/berichten/{theirs.pk}/gelezen/").status_code == 404
    response = client.get(f"/berichten/{mine.pk}/")
    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None
    note(desk_user)
    client.post("/berichten/alles-gelezen/")
    assert not Notification.objects.filter(recipient=desk_user, read_at__isnull=True).exists()


def test_immediate_mail_has_reference_and_link_only(
    desk_user, django_capture_on_commit_callbacks, settings
):
    signal = build_signal(desk=desk_user, title="Geheime titel")
    user = make_user("submitter")
    with django_capture_on_commit_callbacks(execute=True):
        note(user, signal=signal, text=f"Signaal {signal.reference} is aangeboden.")
    (message,) = mail.outbox
    assert message.to == [user.email]
    assert signal.reference in message.subject and signal.reference in message.body
    assert "Geheime titel" not in message.body + message.subject
    assert "http://" in message.body
    html = message.alternatives[0][0]
    assert "Geheime titel" not in html
    settings.NOTIFY_INCLUDE_TITLE = True
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        note(user, signal=signal)
    assert "Geheime titel" in mail.outbox[0].body


def test_dedupe_key_prevents_a_second_message(desk_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert len(note(desk_user, dedupe_key="x")) == 1
        assert note(desk_user, dedupe_key="x") == []
    assert len(mail.outbox) == 1


def test_daily_digest_once_per_day(client, desk_user, django_capture_on_commit_callbacks):
    user = make_user("submitter")
    client.force_login(user)
    assert client.post("/berichten/voorkeuren/", {"email_mode": "digest"}).status_code == 302
    with time_machine.travel(at(2026, 3, 2, 6), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            note(user, text="bericht-een")
            note(user, text="bericht-twee")
        assert mail.outbox == []
        assert send_digests(at(2026, 3, 2, 6, 30)) == 0
    with time_machine.travel(at(2026, 3, 2, 7, 5), tick=False):
        run_jobs()
        run_jobs()
    (digest,) = mail.outbox
    assert digest.to == [user.email]
    assert "bericht-een" in digest.body and "bericht-twee" in digest.body
    with time_machine.travel(at(2026, 3, 2, 12), tick=False):
        note(user, text="bericht-drie")
        run_jobs()
        assert len(mail.outbox) == 1  # today's digest went out already
    with time_machine.travel(at(2026, 3, 3, 7, 1), tick=False):
        run_jobs()
        run_jobs()
    assert len(mail.outbox) == 2 and "bericht-drie" in mail.outbox[1].body
    assert "bericht-een" not in mail.outbox[1].body
    notification_preference_set(user=user, actor=user, email_mode="immediate")


def test_reminder_key_offsets():
    deadline = Deadline(due_date=dt.date(2026, 4, 26))
    assert reminder_key(deadline, dt.date(2026, 3, 28)) is None
    assert reminder_key(deadline, dt.date(2026, 3, 29)).endswith("before-28")
    assert reminder_key(deadline, dt.date(2026, 4, 18)).endswith("before-28")
    assert reminder_key(deadline, dt.date(2026, 4, 19)).endswith("before-7")
    assert reminder_key(deadline, dt.date(2026, 4, 26)).endswith("before-0")
    assert reminder_key(deadline, dt.date(2026, 5, 2)).endswith("before-0")
    assert reminder_key(deadline, dt.date(2026, 5, 3)).endswith("overdue-1")
    assert reminder_key(deadline, dt.date(2026, 5, 10)).endswith("overdue-2")


def test_offsets_are_a_setting(desk_user, settings):
    settings.REMINDER_OFFSETS_DAYS = [14]
    with time_machine.travel(at(2026, 1, 5), tick=False):
        signal = build_signal(desk=desk_user, state=State.OFFERED)
    due = signal.deadlines.get(kind="response").due_date
    assert due == dt.date(2026, 4, 5)
    with time_machine.travel(at(2026, 3, 8), tick=False):  # 28 days before: not configured
        assert send_response_reminders(at(2026, 3, 8)) == 0
    with time_machine.travel(at(2026, 3, 22), tick=False):
        assert send_response_reminders(at(2026, 3, 22)) == 1


def test_extended_deadline_gets_its_own_reminders(desk_user):
    with time_machine.travel(at(2026, 1, 5), tick=False):
        signal = build_signal(desk=desk_user, state=State.OFFERED)
    with time_machine.travel(at(2026, 3, 30), tick=False):
        assert send_response_reminders(at(2026, 3, 30)) == 1
        deadline = signal.deadlines.get(kind="response")
        deadline_extend(
            deadline=deadline,
            actor=desk_user,
            new_due_date=dt.date(2026, 5, 31),
            reason="Afstemming duurt langer",
            expected_version=deadline.version,
        )
        assert send_response_reminders(at(2026, 3, 30)) == 0
    with time_machine.travel(at(2026, 5, 3), tick=False):
        assert send_response_reminders(at(2026, 5, 3)) == 1
        assert send_response_reminders(at(2026, 5, 3)) == 0


def test_nothing_for_withdrawn_or_closed_signals(desk_user):
    with time_machine.travel(at(2026, 1, 5), tick=False):
        closed = build_signal(desk=desk_user, state=State.CLOSED)
        withdrawn = build_signal(desk=desk_user, state=State.DECISION)
        withdrawn = signal_transition(
            signal=withdrawn, actor=desk_user, to=State.WITHDRAWN, reason="Gestopt"
        )
        # Even a deadline left open by mistake on a withdrawn signal sends nothing.
        Deadline.objects.create(
            signal=withdrawn,
            kind="response",
            due_date=dt.date(2026, 2, 1),
            original_due_date=dt.date(2026, 2, 1),
        )
        Deadline.objects.create(
            signal=withdrawn,
            kind="effect_inquiry",
            due_date=dt.date(2026, 2, 1),
            original_due_date=dt.date(2026, 2, 1),
        )
    before = Notification.objects.count()
    for day in (at(2026, 2, 1), at(2026, 4, 5), at(2026, 7, 6), at(2027, 1, 5)):
        with time_machine.travel(day, tick=False):
            run_jobs()
    assert Notification.objects.count() == before
    assert mail.outbox == []
    closed.refresh_from_db()
    withdrawn.refresh_from_db()
    assert (closed.state, withdrawn.state) == (State.CLOSED, State.WITHDRAWN)
