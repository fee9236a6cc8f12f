"""Figures over a set of signals (what the user may see; the desk sees all). Fixed queries."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from signaalloket.deadlines.models import Deadline, DeadlineKind
from signaalloket.procedure.models import EffectAnswer, EffectOutcome
from signaalloket.signals.models import Addressee, Signal, Submitter
from signaalloket.signals.states import State


class DaysBetween(Func):
    """Whole days from the date `start` to the date `end`; NULL when either is NULL."""

    output_field = IntegerField()
    template = "(%(expressions)s)"  # PostgreSQL: date - date is a number of days
    arg_joiner = " - "

    def __init__(self, start, end):
        super().__init__(end, start)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


class AddMonths(Func):
    """`core.dates.add_months` in SQL: a day missing in the target month becomes its last day."""

    output_field = DateField()
    arity = 1

    def __init__(self, expression, months: int):
        super().__init__(expression)
        self.months = months

    def as_sql(self, compiler, connection, **extra_context):
        day, params = compiler.compile(self.get_source_expressions()[0])
        return f"CAST({day} + %s * interval '1 month' AS date)", [*params, self.months]

    def as_sqlite(self, compiler, connection, **extra_context):
        # date(..., '+1 months') overflows (31 January -> 3 March): cap it at the last day
        day, params = compiler.compile(self.get_source_expressions()[0])
        sql = f"min(date({day}, %s), date({day}, 'start of month', %s, '-1 day'))"
        return sql, [*params, f"{self.months:+d} months", *params, f"{self.months + 1:+d} months"]


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


def of_signals(signals, queryset):
    """`queryset` (of a model with a `signal` foreign key) limited to `signals`. When `signals`
    filters nothing (the desk, all years) every row qualifies, and the IN (all signal ids)
    is left out: it made SQLite walk every signal and probe, 22 -> 1.5 ms for the themes and
    25 -> 16 ms for the ministries at 10,000 signals."""
    if not signals.query.where:
        return queryset
    return queryset.filter(signal__in=signals.values("pk"))


# Up to this many visible signals the statistics read their ids once and pass them as a list.
LISTED_SIGNALS = 10_000


def _narrowed(signals):
    """The same signals, as a list of ids when they are a subset: a submitter's or an
    official's visibility rule was otherwise evaluated over every signal in each of the six
    queries (about 10 ms each for an official at 10,000 signals). One query more; above
    LISTED_SIGNALS (far below SQLite's and PostgreSQL's parameter limits) the rule stays."""
    if not signals.query.where:
        return signals
    ids = list(signals.values_list("pk", flat=True)[: LISTED_SIGNALS + 1])
    if len(ids) > LISTED_SIGNALS:
        return signals
    return Signal.objects.filter(pk__in=ids)  # ids read through the visible queryset above


def statistics_for(*, signals) -> Statistics:
    """`signals` is a Signal queryset already limited to what the user may see."""
    signals = _narrowed(signals.order_by())
    stats = Statistics()
    per_year: dict[int, int] = {}
    per_state: dict[str, int] = {}
    for year, state, n in (
        signals.values_list("year", "state").annotate(n=Count("pk")).order_by("year")
    ):
        stats.total += n
        per_year[year] = per_year.get(year, 0) + n
        per_state[state] = per_state.get(state, 0) + n
    stats.per_year = [(str(year), n) for year, n in per_year.items()]
    labels = dict(State.choices)
    stats.per_state = [(str(labels[s]), per_state[s]) for s in State.values if per_state.get(s)]
    stats.per_ministry, stats.response_times = _per_ministry(signals)
    stats.per_partner_kind = [
        (row["organisation__partner_kind__name"] or _("Onbekend"), row["n"])
        for row in of_signals(signals, Submitter.objects.all())
        .order_by()
        .values("organisation__partner_kind__name")
        .annotate(n=Count("signal", distinct=True))
        .order_by("-n", "organisation__partner_kind__name")
    ]
    # COUNT, not COUNT(DISTINCT): a signal has a theme once and theme names are unique
    stats.per_theme = list(
        of_signals(signals, Signal.themes.through.objects.all())
        .order_by()
        .values_list("theme__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "theme__name")
    )
    stats.effects = effect_outcomes(signals)
    return stats


def _per_ministry(signals) -> tuple[list[tuple[str, int]], list[ResponseTime]]:
    """Signals per addressed ministry, and per ministry the response times of the offered
    ones: days from offering to response (median) and the share within the response deadline
    (the latest response deadline, as extended; without one, offering + the period)."""
    per_ministry = list(
        of_signals(signals, Addressee.objects.all())
        .order_by()
        .values_list("office__ministry__name")
        .annotate(n=Count("signal", distinct=True))
        .order_by("-n", "office__ministry__name")
    )
    # Grouped in the database: per (ministry, days, within the deadline) the number of
    # distinct signals, a histogram of at most a few thousand rows.
    latest_deadline = (
        Deadline.objects.filter(signal=OuterRef("pk"), kind=DeadlineKind.RESPONSE)
        .order_by("-created_at", "-id")
        .values("due_date")[:1]
    )
    offered = (
        signals.filter(offered_on__isnull=False)
        .alias(
            due=Coalesce(
                Subquery(latest_deadline),
                AddMonths("offered_on", settings.RESPONSE_PERIOD_MONTHS),
            )
        )
        .annotate(
            ministry=F("addressees__office__ministry__name"),
            days=DaysBetween("offered_on", "response_received_on"),  # None: no response yet
            within=Case(When(response_received_on__lte=F("due"), then=True), default=False),
        )
        .values_list("ministry", "days", "within")
        .annotate(n=Count("pk", distinct=True))
    )
    buckets: dict[str, dict] = {}
    for ministry, days, within, n in offered:
        if ministry is None:  # a signal without addressee: in no ministry's figures
            continue
        bucket = buckets.setdefault(ministry, {"days": {}, "within": 0, "pending": 0})
        if days is None:
            bucket["pending"] += n
            continue
        bucket["days"][days] = bucket["days"].get(days, 0) + n
        if within:
            bucket["within"] += n
    response_times = [
        ResponseTime(
            ministry=ministry,
            count=sum(bucket["days"].values()),
            median_days=_median(bucket["days"]),
            within_deadline=bucket["within"],
            pending=bucket["pending"],
        )
        for ministry, bucket in sorted(buckets.items())
    ]
    return per_ministry, response_times


def _median(histogram: dict[int, int]) -> float | None:
    """The median of the values counted in {value: count}, as statistics.median gives it."""
    total = sum(histogram.values())
    if not total:
        return None
    values = sorted(histogram)

    def value_at(position: int) -> int:  # 0-based, in the sorted values with repeats
        seen = 0
        for value in values:
            seen += histogram[value]
            if seen > position:
                return value
        raise IndexError(position)  # pragma: no cover

    return (value_at((total - 1) // 2) + value_at(total // 2)) / 2


def effect_outcomes(signals) -> list[tuple[str, int]]:
    """Answers per effect outcome: each submitting organisation counts once per signal (its
    one answer, issue 17 item 5); an old answer without organisation counts as one."""
    labels = dict(EffectOutcome.choices)
    counts = dict(
        of_signals(signals, EffectAnswer.objects.all())
        .order_by()
        .values("outcome")
        .annotate(n=Count("id"))
        .values_list("outcome", "n")
    )
    return [(str(labels[key]), counts[key]) for key in labels if counts.get(key)]
