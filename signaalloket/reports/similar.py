"""Similar signals: TF-IDF cosine similarity over title + summary.

The weights are computed over all signals (a title counts double) and held per process as
NumPy arrays: one entry per (signal, word). They are rebuilt when the texts change, which
signals.TextRevision tells in one small query. Scoring one signal against 10,000 others
then takes about a millisecond; in plain Python it was 115 ms of every signal page (make
bench).

What a user is shown: the most similar signals they may see, among the POOL most similar
of all signals (one visibility query over those). Below POOL signals in all, that is exact.
`similar_to` is the plain-Python reference the arrays are tested against.
"""

import logging
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np

from signaalloket.core.panels import SignalPanel, register_panel
from signaalloket.signals.models import Signal, TextRevision
from signaalloket.signals.states import State

logger = logging.getLogger(__name__)
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


@lru_cache(maxsize=200_000)  # the vocabulary is small: building the index called this 480,000 times
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


def similar_to(*, signal_id: int, texts: dict[int, str], limit: int = 5) -> list[tuple[int, float]]:
    """(signal id, similarity 0..1) of the most similar others, best first; only scores > 0."""
    if signal_id not in texts:
        return []
    vectors = _vectors({pk: _tokens(text) for pk, text in texts.items()})
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


POOL = 500  # candidates checked for visibility; below SQLite's 999-parameter limit
MIN_SCORE = 0.01


@dataclass(frozen=True)
class _Index:
    revision: str
    ids: np.ndarray  # signal pks, ascending; a signal's row is its position here
    row_of: dict[int, int]
    doc: np.ndarray  # per entry: the row of the signal
    word: np.ndarray  # per entry: the word's number
    weight: np.ndarray  # per entry: normalised TF-IDF weight
    start: np.ndarray  # the entries of row r are start[r]:start[r + 1]
    words: int

    def ranked(self, pk: int) -> list[tuple[int, float]]:
        """(pk, score) of the POOL most similar other signals, best first, score > MIN_SCORE."""
        row = self.row_of.get(pk)
        if row is None:
            return []
        own = slice(self.start[row], self.start[row + 1])
        target = np.zeros(self.words)
        target[self.word[own]] = self.weight[own]
        scores = np.bincount(
            self.doc, weights=self.weight * target[self.word], minlength=len(self.ids)
        )
        scores[row] = 0.0
        rows = np.flatnonzero(scores > MIN_SCORE)
        if len(rows) > POOL:
            rows = rows[np.argpartition(-scores[rows], POOL - 1)[:POOL]]
        rows = rows[np.lexsort((self.ids[rows], -scores[rows]))]
        return list(zip(self.ids[rows].tolist(), scores[rows].tolist(), strict=True))


@lru_cache(maxsize=100_000)
def _terms(title: str, summary: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The distinct words of a signal's text (the title counts double) and 1 + log(count)."""
    counts = Counter(_tokens(f"{title} {title} {summary}"))
    return tuple(counts), tuple(1 + math.log(n) for n in counts.values())


def _build(revision: str, corpus) -> _Index:
    """The same weights as `_vectors`, as arrays."""
    ids = [pk for pk, _title, _summary in corpus]
    terms = [_terms(title, summary or "") for _pk, title, summary in corpus]
    lengths = np.array([len(words) for words, _tf in terms], dtype=np.int64)
    vocabulary: dict[str, int] = {}
    number = vocabulary.setdefault
    word_array = np.array(
        [number(w, len(vocabulary)) for words, _tf in terms for w in words], dtype=np.int64
    )
    log_tf = np.fromiter(chain.from_iterable(tf for _words, tf in terms), dtype=np.float64)
    count = len(ids)
    doc_array = np.repeat(np.arange(count, dtype=np.int64), lengths)
    frequency = np.bincount(word_array, minlength=len(vocabulary))
    idf = np.log((1 + count) / (1 + frequency) + 1)
    raw = log_tf * idf[word_array]
    norm = np.sqrt(np.bincount(doc_array, weights=raw * raw, minlength=count))
    norm[norm == 0] = 1.0
    return _Index(
        revision=revision,
        ids=np.array(ids, dtype=np.int64),
        row_of={pk: row for row, pk in enumerate(ids)},
        doc=doc_array,
        word=word_array,
        weight=raw / norm[doc_array] if count else raw,
        start=np.concatenate(([0], np.cumsum(lengths))).astype(np.int64),
        words=len(vocabulary),
    )


_current: _Index | None = None
_building = threading.Lock()


def _index() -> _Index:
    """The index of the current texts: one query when nothing changed, two after a change."""
    global _current
    revision = TextRevision.objects.filter(pk=1).values_list("token", flat=True).first()
    current = _current
    if revision is not None and current is not None and current.revision == revision:
        return current
    with _building:
        current = _current
        if revision is not None and current is not None and current.revision == revision:
            return current
        # Read after the revision: the texts are at least as new as the token they are
        # filed under (a change in between only causes one more rebuild).
        corpus = Signal.objects.order_by("pk").values_list("pk", "title", "summary")
        index = _build(revision or "", list(corpus))
        if revision is not None:  # no token (a flushed test database): never cache
            _current = index
        return index


def warm() -> None:
    """Build the index now (a gunicorn worker calls this before its first request)."""
    from django.db import DatabaseError

    try:
        _index()
    except DatabaseError:  # no database (yet): the first signal page builds it
        logger.warning("Vergelijkbare signalen: index niet vooraf opgebouwd", exc_info=True)


@dataclass(frozen=True)
class SimilarSignal:
    pk: int
    reference: str
    title: str
    state: str
    similarity: int  # percent

    @property
    def state_label(self) -> str:
        return str(State(self.state).label) if self.state in State.values else self.state


def similar_signals_for(*, user, signal, limit: int = 5) -> list[SimilarSignal]:
    """The most similar other signals this user may see (2 queries: the text revision and the
    signals among the pool that the user may see)."""
    ranked = _index().ranked(signal.pk)
    if not ranked:
        return []
    visible = Signal.objects.visible_to(user)
    # A queryset that filters nothing (the desk sees every signal): the best are visible.
    pool = ranked if visible.query.where else ranked[:limit]
    rows = {
        pk: (reference, title, state)
        for pk, reference, title, state in visible.filter(
            pk__in=[pk for pk, _score in pool]
        ).values_list("pk", "reference", "title", "state")
    }
    best = [(pk, score) for pk, score in pool if pk in rows][:limit]
    return [SimilarSignal(pk, *rows[pk], similarity=round(score * 100)) for pk, score in best]


def _panel_context(request, signal):
    return {}  # the list itself is loaded by the panel (reports:similar)


def register() -> None:
    register_panel(
        SignalPanel(
            key="similar",
            order=90,
            template="reports/_similar_panel.html",
            context=_panel_context,
        )
    )
