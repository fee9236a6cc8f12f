from signaalloket.accounts.context import access_for
from signaalloket.signals.states import State

from .models import FactCheckMeeting, MeetingStatus


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
    is_desk = access_for(request.user).is_desk
    planned = next((m for m in meetings if m.status == MeetingStatus.PLANNED), None)
    return {
        "meetings": meetings,
        "planned": planned,
        "may_manage": is_desk and signal.state == State.FACT_CHECK,
    }
