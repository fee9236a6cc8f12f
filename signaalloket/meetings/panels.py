from django.utils import timezone

from signaalloket.signals.states import State

from .models import FactCheckMeeting, MeetingStatus
from .permissions import (
    may_cancel_meeting,
    may_change_meeting,
    may_record_meeting_outcome,
    may_schedule_meeting,
)


def meeting_panel_context(request, signal):
    """The fact-check meeting(s) of the signal: two queries whatever the number of meetings."""
    if signal.fact_check_started_at is None and signal.state != State.FACT_CHECK:
        return None
    meetings = list(
        FactCheckMeeting.objects.visible_to(request.user)
        .filter(signal=signal)
        .select_related("minutes_document")
    )
    if not meetings and signal.state != State.FACT_CHECK:
        return None
    user = request.user
    planned = next((m for m in meetings if m.status == MeetingStatus.PLANNED), None)
    open_step = signal.state == State.FACT_CHECK
    open_meeting = bool(open_step and planned)
    # the outcome is recorded only once the meeting has begun (meeting_record_outcome)
    started = bool(planned and planned.starts_at <= timezone.now())
    return {
        "meetings": meetings,
        "planned": planned,
        "may_schedule": open_step and not planned and may_schedule_meeting(user, signal),
        # only the planned meeting can still be changed, cancelled or recorded
        "may_change": open_meeting and may_change_meeting(user, planned),
        "may_cancel": open_meeting and may_cancel_meeting(user, planned),
        "may_record_outcome": open_meeting
        and started
        and may_record_meeting_outcome(user, planned),
        "outcome_after_start": open_meeting
        and not started
        and may_record_meeting_outcome(user, planned),
    }
