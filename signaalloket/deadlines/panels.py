"""The 'Termijnen' section of the signal page (registered in DeadlinesConfig.ready)."""

from .models import DeadlineStatus
from .permissions import may_extend_deadline
from .selectors import deadlines_for_signal


def deadlines_panel_context(request, signal) -> dict | None:
    deadlines = deadlines_for_signal(signal)
    if not deadlines:
        return None
    rows = [
        {
            "deadline": d,
            # The form itself is on the extend page, with the history: building a form per
            # deadline on every view of the signal page cost more than the rest of the panel.
            "may_extend": d.status == DeadlineStatus.OPEN and may_extend_deadline(request.user, d),
        }
        for d in deadlines
    ]
    return {"rows": rows}
