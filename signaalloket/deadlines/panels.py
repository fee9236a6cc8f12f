"""The 'Termijnen' section of the signal page (registered in DeadlinesConfig.ready)."""

from signaalloket.accounts.context import access_for

from .forms import DeadlineExtendForm
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
            "form": DeadlineExtendForm(deadline=d)
            if may_extend and d.status == DeadlineStatus.OPEN
            else None,
        }
        for d in deadlines
    ]
    return {"rows": rows, "may_extend": may_extend}
