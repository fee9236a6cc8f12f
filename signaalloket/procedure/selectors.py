"""Reading procedure data: overdue signals, contribution progress, effect answers."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, prefetch_related_objects

from signaalloket.core.dates import today
from signaalloket.deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from signaalloket.signals.models import ContributionStatus, Signal
from signaalloket.signals.states import State

from .models import EffectAnswer

# The effect answers as the procedure panel shows them. The workflow guard reads them through
# the same Prefetch, so the signal page reads them once (the guard in signal_transition runs
# on the freshly locked row, which has nothing prefetched).
EFFECT_ANSWERS = Prefetch(
    "effect_answers", queryset=EffectAnswer.objects.select_related("answered_by", "organisation")
)


def effect_answers_for(signal) -> list[EffectAnswer]:
    prefetch_related_objects([signal], EFFECT_ANSWERS)
    return list(signal.effect_answers.all())


def effect_answer_exists(signal) -> bool:
    return bool(effect_answers_for(signal))


def _overdue_deadlines(day=None):
    return Deadline.objects.filter(
        signal=OuterRef("pk"),
        kind=DeadlineKind.RESPONSE,
        status=DeadlineStatus.OPEN,
        due_date__lt=day or today(),
    )


def with_overdue(queryset: QuerySet | None = None, *, day=None) -> QuerySet:
    """Annotate `is_overdue`: an open response deadline has passed (one subquery, no extra query).

    Use in lists: `with_overdue(Signal.objects.visible_to(user))` and
    `{% if signal.is_overdue %}<span class="app-status app-status--overdue">...{% endif %}`.
    """
    queryset = Signal.objects.all() if queryset is None else queryset
    return queryset.annotate(is_overdue=Exists(_overdue_deadlines(day)))


def overdue(queryset: QuerySet | None = None, *, day=None) -> QuerySet:
    """Only the signals whose response deadline has passed without a response."""
    queryset = Signal.objects.all() if queryset is None else queryset
    return queryset.filter(Exists(_overdue_deadlines(day)), state=State.OFFERED)


@dataclass(frozen=True)
class ContributionProgress:
    contributed: int
    total: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.contributed == self.total


def contribution_progress(addressees) -> ContributionProgress:
    """Per addressed ministry: it has contributed when all its addressed offices contributed."""
    by_ministry: dict[int, bool] = {}
    for addressee in addressees:
        done = addressee.contribution_status == ContributionStatus.CONTRIBUTED
        ministry = addressee.office.ministry_id
        by_ministry[ministry] = by_ministry.get(ministry, True) and done
    return ContributionProgress(sum(by_ministry.values()), len(by_ministry))
