"""An imported signal's history: the steps of the workflow table from intake to its recorded
state, each with the moment it happened, for `signal_transition(at=...)`."""

import datetime as dt
from collections import deque

from django.utils import timezone

from signaalloket.signals import workflow
from signaalloket.signals.states import State

# The file's date that dates the step into a state. A final step other than closing is dated
# by "afgesloten op" too (the day the signal ended); it is kept as that step's moment only.
DATE_OF_STATE = {
    State.OFFERED: "offered_on",
    State.RESPONSE_RECEIVED: "response_received_on",
    State.RESPONSE_DELIVERED: "response_delivered_on",
    State.CLOSED: "closed_on",
    State.NOT_PURSUED: "closed_on",
    State.WITHDRAWN: "closed_on",
}
NOON = dt.time(12)


def path_to(state: str) -> list[workflow.Transition]:
    """The shortest walk through the transition table from intake to `state` (breadth first,
    in table order, so the main path where there is one)."""
    previous: dict[str, workflow.Transition | None] = {State.INTAKE: None}
    queue = deque([State.INTAKE])
    while queue:
        source = queue.popleft()
        if source == state:
            break
        for transition in workflow.outgoing(source):
            if transition.target not in previous:
                previous[transition.target] = transition
                queue.append(transition.target)
    if state not in previous:
        raise ValueError(f"no path in the workflow table from intake to {state!r}")
    path = []
    while (step := previous[state]) is not None:
        path.append(step)
        state = step.source
    return path[::-1]


def dated_fields(state: str) -> set[str]:
    """The file's dates that belong to a signal in `state` (steps it went through)."""
    return {DATE_OF_STATE[t.target] for t in path_to(state) if t.target in DATE_OF_STATE}


def _moment(day: str, now: dt.datetime) -> dt.datetime:
    noon = timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(day), NOON))
    return min(noon, now)


def history_steps(data: dict, *, now: dt.datetime) -> list[tuple[workflow.Transition, dt.datetime]]:
    """Each step of the path with its moment: noon (local) of its date in the file. A step the
    file gives no date for takes the moment of the step before it, the first ones that of the
    first dated step; a file without dates gives the import moment `now` (timezone-aware)."""
    path = path_to(data["state"])
    known = [
        _moment(data[DATE_OF_STATE[t.target]], now)
        if t.target in DATE_OF_STATE and data.get(DATE_OF_STATE[t.target])
        else None
        for t in path
    ]
    first_known = next((moment for moment in known if moment), now)
    steps, moment = [], first_known
    for transition, dated in zip(path, known, strict=True):
        moment = dated or moment
        steps.append((transition, moment))
    return steps
