"""Read-only questions about fact-check meetings (used as workflow guards)."""

from signaalloket.signals.models import Signal, StateChange
from signaalloket.signals.states import State

from .models import FactCheckMeeting, MeetingOutcome, MeetingStatus


def fact_check_confirmed(signal: Signal) -> bool:
    """Guard of FACT_CHECK -> DECISION: the latest meeting held in this fact-check round
    (planned after the signal last entered the fact-check) has minutes and confirmed the facts."""
    meetings = FactCheckMeeting.objects.filter(signal=signal, status=MeetingStatus.HELD)
    entered = (
        StateChange.objects.filter(signal=signal, to_state=State.FACT_CHECK)
        .order_by("-created_at", "-id")
        .values_list("created_at", flat=True)
        .first()
    )
    if entered is not None:
        meetings = meetings.filter(created_at__gte=entered)
    latest = meetings.order_by("-starts_at", "-id").first()
    if latest is None or latest.outcome != MeetingOutcome.CONFIRMED:
        return False
    return bool(latest.minutes.strip()) or latest.minutes_document_id is not None
