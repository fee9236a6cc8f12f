"""The search index: pluggable text providers per source, kept current through the audit trail.

Each provider turns the rows of one source (the signal itself, document text, comments, draft
sections, ...) into `IndexText` items for a set of signals. Other apps add a provider with
`register_provider(...)` in their AppConfig.ready(); until then this app registers the ones whose
models exist (checked once at start-up).

The index is kept current without touching other apps' services: every write in the project
records an audit event with its signal, so a post_save receiver on AuditEvent re-indexes that
signal inside the same transaction (a rollback also rolls back the index). `search_index_rebuild`
re-indexes everything (management command `search_reindex`).
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from signaalloket.audit.models import AuditEvent
from signaalloket.documents.models import Document, DocumentVersion
from signaalloket.signals.models import Signal

from .models import SearchEntry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IndexText:
    signal_id: int
    object_id: int
    title: str
    body: str
    desk_only: bool = False


@dataclass(frozen=True)
class TextProvider:
    source: str  # stored in SearchEntry.source, unique per provider
    label: str  # shown next to a search result (Dutch)
    texts: Callable[[list[int]], Iterable[IndexText]]  # signal ids -> texts (fixed queries)
    # Optional, for sources with their own rules: user -> a queryset of the objects (object_id
    # = pk) the user may see. Search filters it by pk in one query with the other sources.
    visible: Callable[[object], QuerySet] | None = None


_providers: dict[str, TextProvider] = {}


def register_provider(provider: TextProvider) -> None:
    _providers[provider.source] = provider


def providers() -> dict[str, TextProvider]:
    return dict(_providers)


# Built-in providers -------------------------------------------------------------------------


def _signal_texts(signal_ids: list[int]) -> Iterable[IndexText]:
    for pk, reference, title, summary, origin in Signal.objects.filter(
        pk__in=signal_ids
    ).values_list("pk", "reference", "title", "summary", "origin"):
        yield IndexText(
            signal_id=pk,
            object_id=pk,
            title=f"{reference} {title}",
            body="\n".join(part for part in (summary, origin) if part),
        )


def _document_texts(signal_ids: list[int]) -> Iterable[IndexText]:
    """The extracted text of the newest version of each document that is not retracted."""
    documents = {
        pk: (signal_id, title)
        for pk, signal_id, title in Document.objects.filter(
            signal_id__in=signal_ids, retracted_at__isnull=True
        ).values_list("pk", "signal_id", "title")
    }
    newest: dict[int, str] = {}
    for document_id, text in (
        DocumentVersion.objects.filter(document_id__in=list(documents))
        .order_by("document_id", "number")
        .values_list("document_id", "extracted_text")
    ):
        newest[document_id] = text  # ascending numbers: the last one wins
    for pk, (signal_id, title) in documents.items():
        yield IndexText(signal_id=signal_id, object_id=pk, title=title, body=newest.get(pk, ""))


def _document_visible(user) -> QuerySet:
    queryset = Document.objects.all()
    visible_to = getattr(queryset, "visible_to", None)
    return visible_to(user) if callable(visible_to) else queryset


def register_builtin_providers() -> None:
    register_provider(
        TextProvider(source="signal", label=_("Signaal"), texts=_signal_texts, visible=None)
    )
    if apps.is_installed("signaalloket.documents"):
        register_provider(
            TextProvider(
                source="document",
                label=_("Document"),
                texts=_document_texts,
                visible=_document_visible,
            )
        )
    from . import search_extra

    search_extra.register_optional_providers()


# Writing the index --------------------------------------------------------------------------


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def _fts_delete(ids: list[int]) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            placeholders = ",".join("%s" for _ in chunk)  # only placeholders, values are params
            cursor.execute(
                f"DELETE FROM reports_searchfts WHERE rowid IN ({placeholders})",  # noqa: S608
                chunk,
            )


def search_index_signals(*, signal_ids: Iterable[int]) -> int:
    """(Re)build the entries of these signals from every provider. Returns the entry count."""
    signal_ids = sorted(set(signal_ids))
    if not signal_ids:
        return 0
    items: list[tuple[str, IndexText]] = []
    for source, provider in _providers.items():
        items.extend((source, item) for item in provider.texts(signal_ids))
    with transaction.atomic():
        old_ids = list(
            SearchEntry.objects.filter(signal_id__in=signal_ids).values_list("pk", flat=True)
        )
        if _is_sqlite() and old_ids:
            _fts_delete(old_ids)
        SearchEntry.objects.filter(signal_id__in=signal_ids).delete()
        created = SearchEntry.objects.bulk_create(
            SearchEntry(
                signal_id=item.signal_id,
                source=source,
                object_id=item.object_id,
                title=item.title[:500],
                body=item.body,
                desk_only=item.desk_only,
            )
            for source, item in items
        )
        if _is_sqlite() and created:
            if created[0].pk is None:  # very old SQLite: fetch the ids back
                created = list(SearchEntry.objects.filter(signal_id__in=signal_ids))
            new_ids = [e.pk for e in created]
            # rows left behind by a table flush (tests) would collide with reused ids
            _fts_delete(new_ids)
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO reports_searchfts(rowid, title, body) VALUES (%s, %s, %s)",
                    [(e.pk, e.title, e.body) for e in created],
                )
    return len(created)


def search_index_rebuild(*, batch_size: int = 500) -> int:
    ids = list(Signal.objects.order_by("pk").values_list("pk", flat=True))
    total = 0
    for start in range(0, len(ids), batch_size):
        total += search_index_signals(signal_ids=ids[start : start + batch_size])
    return total


_after_commit = transaction.on_commit  # tests of the search itself reindex at once


class _Reindex:
    """Reindex one signal after the write that changed it has committed.

    After commit, so that the index never holds the audit chain's lock or a failed write's
    text; once per signal and transaction, however many events the write recorded.
    """

    def __init__(self, signal_id: int) -> None:
        self.signal_id = signal_id

    def __call__(self) -> None:
        try:
            with transaction.atomic():
                search_index_signals(signal_ids=[self.signal_id])
        except Exception:  # the index must never break the write that triggered it
            logger.exception("Zoekindex bijwerken mislukt voor signaal %s", self.signal_id)


def _on_audit_event(sender, instance, created, **kwargs) -> None:
    if not created or not instance.signal_id or kwargs.get("raw"):
        return
    pending = transaction.get_connection().run_on_commit
    if any(
        isinstance(job, _Reindex) and job.signal_id == instance.signal_id for _, job, _ in pending
    ):
        return
    _after_commit(_Reindex(instance.signal_id))


def connect() -> None:
    register_builtin_providers()
    post_save.connect(_on_audit_event, sender=AuditEvent, dispatch_uid="reports-search-index")
