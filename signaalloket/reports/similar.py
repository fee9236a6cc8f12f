"""Similar signals: TF-IDF cosine similarity over title + summary, in plain Python.

Computed per page view over the signals the user may see (one query for their texts). For a
desk with thousands of signals this stays well under a second; precomputing is possible later
without changing the panel.
"""

import math
import re
from collections import Counter
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
# Frequent Dutch words that carry no meaning for similarity.
STOP_WORDS = frozenset(
    [
        "aan",
        "als",
        "bij",
        "dan",
        "dat",
        "de",
        "den",
        "der",
        "des",
        "deze",
        "die",
        "dit",
        "door",
        "een",
        "eens",
        "en",
        "er",
        "had",
        "heb",
        "hebben",
        "heeft",
        "het",
        "hier",
        "hij",
        "hoe",
        "hun",
        "ik",
        "in",
        "is",
        "je",
        "kan",
        "kon",
        "maar",
        "met",
        "mij",
        "naar",
        "niet",
        "nog",
        "nu",
        "of",
        "om",
        "omdat",
        "onder",
        "ons",
        "ook",
        "op",
        "over",
        "te",
        "tegen",
        "toe",
        "tot",
        "uit",
        "van",
        "veel",
        "voor",
        "want",
        "was",
        "wat",
        "wel",
        "werd",
        "wie",
        "wij",
        "wordt",
        "worden",
        "zal",
        "zich",
        "zij",
        "zijn",
        "zo",
        "zonder",
        "zou",
        "the",
        "and",
        "for",
    ]
)


def tokens(text: str) -> list[str]:
    return list(_tokens(text or ""))


@lru_cache(maxsize=100_000)
def _tokens(text: str) -> tuple[str, ...]:
    # Cached per process: texts rarely change and tokenising every visible signal on every
    # page view cost seconds at 10,000 signals (make bench).
    words = [w.lower() for w in WORD.findall(text)]
    return tuple(_stem(w) for w in words if w not in STOP_WORDS)


def _stem(word: str) -> str:
    """A very light Dutch suffix strip so 'subsidies'/'subsidie' and 'misbruiken' meet."""
    for suffix in ("heden", "ingen", "ing", "en", "es", "s", "e"):
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _vectors(documents: dict[int, list[str]]) -> dict[int, dict[str, float]]:
    count = len(documents)
    document_frequency: Counter = Counter()
    for words in documents.values():
        document_frequency.update(set(words))
    vectors = {}
    for pk, words in documents.items():
        frequencies = Counter(words)
        vector = {
            word: (1 + math.log(n)) * math.log((1 + count) / (1 + document_frequency[word]) + 1)
            for word, n in frequencies.items()
        }
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors[pk] = {word: value / norm for word, value in vector.items()}
    return vectors


@lru_cache(maxsize=4)
def _cached_vectors(items: tuple[tuple[int, str], ...]) -> dict[int, dict[str, float]]:
    """The vectors of one corpus (the texts a user may see), reused while it is unchanged."""
    return _vectors({pk: _tokens(text) for pk, text in items})


def similar_to(*, signal_id: int, texts: dict[int, str], limit: int = 5) -> list[tuple[int, float]]:
    """(signal id, similarity 0..1) of the most similar others, best first; only scores > 0."""
    if signal_id not in texts:
        return []
    vectors = _cached_vectors(tuple(sorted(texts.items())))
    target = vectors[signal_id]
    scores = []
    for pk, vector in vectors.items():
        if pk == signal_id:
            continue
        if len(vector) < len(target):
            score = sum(value * target.get(word, 0.0) for word, value in vector.items())
        else:
            score = sum(value * vector.get(word, 0.0) for word, value in target.items())
        if score > 0.01:
            scores.append((pk, score))
    scores.sort(key=lambda item: (-item[1], item[0]))
    return scores[:limit]


def similar_signals_for(*, user, signal, limit: int = 5) -> list:
    """The most similar other signals this user may see, with their score (3 queries).

    The TF-IDF vectors are built once per process over all signals and rebuilt when a title
    or summary changes: building them per user and per view cost seconds at 10,000 signals
    and a per-user cache thrashed under load (make bench). Only
    the visible signals are scored and returned; the word weights (IDF) come from all signals.
    """
    from signaalloket.signals.models import Signal

    visible = Signal.objects.visible_to(user)
    visible_ids = set(visible.values_list("pk", flat=True))
    # Not shown to anyone: the texts of all signals, the corpus of the cached vectors (read on
    # every view, so the number of queries never depends on the state of the cache).
    corpus = tuple(Signal.objects.order_by("pk").values_list("pk", "title", "summary"))
    vectors = _all_vectors(corpus)
    target = vectors.get(signal.pk)
    if target is None:
        return []
    scores = []
    for pk in visible_ids:
        vector = vectors.get(pk)
        if pk == signal.pk or vector is None:
            continue
        if len(vector) < len(target):
            score = sum(value * target.get(word, 0.0) for word, value in vector.items())
        else:
            score = sum(value * vector.get(word, 0.0) for word, value in target.items())
        if score > 0.01:
            scores.append((pk, score))
    scores.sort(key=lambda item: (-item[1], item[0]))
    ranked = scores[:limit]
    if not ranked:
        return []
    signals = visible.in_bulk([pk for pk, _score in ranked])
    result = []
    for pk, score in ranked:
        other = signals.get(pk)
        if other is not None:
            other.similarity = round(score * 100)
            result.append(other)
    return result


@lru_cache(maxsize=1)
def _all_vectors(corpus: tuple) -> dict:
    return _vectors(
        {pk: _tokens(f"{title} {title} {summary}") for pk, title, summary in corpus}
    )  # the title counts double


def _panel_context(request, signal):
    return {"similar": similar_signals_for(user=request.user, signal=signal)}


def register() -> None:
    from signaalloket.web.panels import SignalPanel, register_panel

    register_panel(
        SignalPanel(
            key="similar",
            order=90,
            template="reports/_similar_panel.html",
            context=_panel_context,
        )
    )


PANEL_TITLE = _("Vergelijkbare signalen")
