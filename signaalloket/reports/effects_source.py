"""Effect outcomes come from the effect inquiry (procedure app). Guarded: without it installed,
the statistics simply show no effect section."""

from django.apps import apps
from django.db.models import Count


def effect_outcome_counts(signals) -> list[tuple[str, int]] | None:
    """Signals per effect outcome (a signal with answers of several kinds counts for each)."""
    if not apps.is_installed("signaalloket.procedure"):
        return None
    try:
        from signaalloket.procedure.models import EffectAnswer, EffectOutcome
    except ImportError:  # pragma: no cover
        return None
    from .statistics import of_signals

    labels = dict(EffectOutcome.choices)
    counts = dict(
        of_signals(signals, EffectAnswer.objects.all())
        .order_by()
        .values("outcome")
        .annotate(n=Count("signal", distinct=True))
        .values_list("outcome", "n")
    )
    return [(str(labels[key]), counts[key]) for key in labels if counts.get(key)]
