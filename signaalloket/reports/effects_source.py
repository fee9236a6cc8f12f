"""Effect outcomes come from the effect-inquiry feature, built elsewhere. Guarded: when its
model is not installed, statistics show no effect section."""


def effect_outcome_counts(signals) -> list[tuple[str, int]] | None:
    return None
