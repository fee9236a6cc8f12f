from signaalloket.drafting.selectors import format_for_signal


def full_texts(signal, **overrides) -> dict:
    fmt = format_for_signal(signal)
    texts = {s.key: f"Tekst voor {s.title.lower()}." for s in fmt.sections.all()}
    texts.update(overrides)
    return texts
