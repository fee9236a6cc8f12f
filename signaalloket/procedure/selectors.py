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


@dataclass(frozen=True)
class EffectAnswerRow:
    """One submitting organisation on the effect inquiry: its answer, or None."""

    organisation: object
    answer: EffectAnswer | None


def effect_answers_by_organisation(signal) -> list[EffectAnswerRow]:
    """Per submitting organisation (lead first) its answer, from the prefetched answers."""
    answers = {a.organisation_id: a for a in effect_answers_for(signal) if a.organisation_id}
    submitters = sorted(signal.submitters.all(), key=lambda s: (not s.is_lead, s.pk))
    return [EffectAnswerRow(s.organisation, answers.get(s.organisation_id)) for s in submitters]


def all_submitters_answered_effect(signal) -> bool:
    """Guard of EFFECT_INQUIRY -> CLOSED: every submitting organisation has answered."""
    rows = effect_answers_by_organisation(signal)
    return bool(rows) and all(row.answer is not None for row in rows)


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
