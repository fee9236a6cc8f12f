"""The 'Termijnen' section of the signal page (registered in DeadlinesConfig.ready)."""

from signaalloket.accounts.context import access_for

from .models import DeadlineStatus
from .selectors import deadlines_for_signal


def deadlines_panel_context(request, signal) -> dict | None:
    deadlines = deadlines_for_signal(signal)
    if not deadlines:
        return None
    may_extend = access_for(request.user).is_desk
    rows = [
        {
            "deadline": d,
            # The form itself is on the extend page, with the history: building a form per
            # deadline on every view of the signal page cost more than the rest of the panel.
            "may_extend": may_extend and d.status == DeadlineStatus.OPEN,
        }
        for d in deadlines
    ]
    return {"rows": rows}
