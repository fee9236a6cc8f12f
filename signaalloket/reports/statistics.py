"""Figures over a set of signals (what the user may see; the desk sees all). Fixed queries."""

import statistics as pystats
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _

from signaalloket.core.dates import add_months
from signaalloket.deadlines.models import Deadline, DeadlineKind
from signaalloket.signals.models import Addressee, Signal, Submitter
from signaalloket.signals.states import State


@dataclass
class ResponseTime:
    ministry: str
    count: int  # signals offered to this ministry that got a response
    median_days: float | None
    within_deadline: int
    pending: int  # offered, no response yet

    @property
    def share_within(self) -> float | None:
        return None if not self.count else round(100 * self.within_deadline / self.count, 1)


@dataclass
class Statistics:
    total: int = 0
    per_year: list[tuple[str, int]] = field(default_factory=list)
    per_state: list[tuple[str, int]] = field(default_factory=list)
    per_ministry: list[tuple[str, int]] = field(default_factory=list)
    per_partner_kind: list[tuple[str, int]] = field(default_factory=list)
    per_theme: list[tuple[str, int]] = field(default_factory=list)
    response_times: list[ResponseTime] = field(default_factory=list)
    effects: list[tuple[str, int]] | None = None  # None: no effect registration available


def _signal_ids(signals):
    return signals.values("pk")


def statistics_for(*, signals) -> Statistics:
    """`signals` is a Signal queryset already limited to what the user may see."""
    ids = _signal_ids(signals)
    stats = Statistics(total=signals.count())
    stats.per_year = [
        (str(row["year"]), row["n"])
        for row in signals.order_by().values("year").annotate(n=Count("pk")).order_by("year")
    ]
    labels = dict(State.choices)
    counts = dict(
        signals.order_by().values("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    stats.per_state = [(str(labels[s]), counts[s]) for s in State.values if counts.get(s)]
    stats.per_ministry = [
        (row["office__ministry__name"], row["n"])
        for row in Addressee.objects.filter(signal__in=ids)
        .order_by()
        .values("office__ministry__name")
        .annotate(n=Count("signal", distinct=True))
        .order_by("-n", "office__ministry__name")
    ]
    stats.per_partner_kind = [
        (row["organisation__partner_kind__name"] or _("Onbekend"), row["n"])
        for row in Submitter.objects.filter(signal__in=ids)
        .order_by()
        .values("organisation__partner_kind__name")
        .annotate(n=Count("signal", distinct=True))
        .order_by("-n", "organisation__partner_kind__name")
    ]
    stats.per_theme = [
        (row["theme__name"], row["n"])
        for row in Signal.themes.through.objects.filter(signal__in=ids)
        .order_by()
        .values("theme__name")
        .annotate(n=Count("signal", distinct=True))
        .order_by("-n", "theme__name")
    ]
    stats.response_times = response_times(signals)
    stats.effects = effect_outcomes(signals)
    return stats


def response_times(signals) -> list[ResponseTime]:
    """Per addressed ministry: days from offering to response (median) and the share within
    the response deadline (the deadline as extended; without one, offering + the period)."""
    ids = _signal_ids(signals)
    deadlines: dict[int, object] = {}
    for signal_id, due in (
        Deadline.objects.filter(signal__in=ids, kind=DeadlineKind.RESPONSE)
        .order_by("signal_id", "created_at", "id")
        .values_list("signal_id", "due_date")
    ):
        deadlines[signal_id] = due  # the latest response deadline counts
    rows = (
        Addressee.objects.filter(signal__in=ids, signal__offered_on__isnull=False)
        .order_by()
        .values_list(
            "office__ministry__name",
            "signal_id",
            "signal__offered_on",
            "signal__response_received_on",
        )
        .distinct()
    )
    per_ministry: dict[str, dict] = {}
    for ministry, signal_id, offered, received in rows:
        bucket = per_ministry.setdefault(ministry, {"days": {}, "within": set(), "pending": set()})
        if received is None:
            bucket["pending"].add(signal_id)
            continue
        bucket["days"][signal_id] = (received - offered).days
        due = deadlines.get(signal_id) or add_months(offered, settings.RESPONSE_PERIOD_MONTHS)
        if received <= due:
            bucket["within"].add(signal_id)
    result = []
    for ministry in sorted(per_ministry):
        bucket = per_ministry[ministry]
        days = list(bucket["days"].values())
        result.append(
            ResponseTime(
                ministry=ministry,
                count=len(days),
                median_days=float(pystats.median(days)) if days else None,
                within_deadline=len(bucket["within"]),
                pending=len(bucket["pending"]),
            )
        )
    return result


def effect_outcomes(signals) -> list[tuple[str, int]] | None:
    """Counts per effect outcome, when an effect registration exists (see effects_source)."""
    from .effects_source import effect_outcome_counts

    return effect_outcome_counts(signals)
