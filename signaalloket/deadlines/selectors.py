"""Reading deadlines."""

from django.db.models import Prefetch, prefetch_related_objects

from .models import Deadline, DeadlineExtension

_DEADLINES = Prefetch(
    "deadlines",
    queryset=Deadline.objects.prefetch_related(
        Prefetch(
            "extensions",
            queryset=DeadlineExtension.objects.select_related("actor").order_by("created_at", "id"),
        )
    ).order_by("due_date", "id"),
)


def deadlines_for_signal(signal) -> list[Deadline]:
    """The signal's deadlines with their extension history: two queries, whatever the count,
    and none the second time for the same signal object (the signal page, its glance and its
    panels share them within one request)."""
    prefetch_related_objects([signal], _DEADLINES)
    return list(signal.deadlines.all())
