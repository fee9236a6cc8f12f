"""The 'Termijnen' section of the signal page (registered in DeadlinesConfig.ready)."""

from django.db.models import Prefetch

from signaalloket.accounts.context import access_for

from .forms import DeadlineExtendForm
from .models import Deadline, DeadlineExtension, DeadlineStatus


def deadlines_for_signal(signal):
    """The signal's deadlines with their extension history: two queries, whatever the count."""
    return list(
        Deadline.objects.filter(signal=signal)
        .prefetch_related(
            Prefetch(
                "extensions",
                queryset=DeadlineExtension.objects.select_related("actor").order_by(
                    "created_at", "id"
                ),
            )
        )
        .order_by("due_date", "id")
    )


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
