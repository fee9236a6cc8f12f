"""Reports only reads: its records of the procedure live in the apps that write them.

SearchEntry is the one table here, the search's derived read model: a denormalised copy of
the searchable text of signals, documents, comments and the like, kept in step by
search_index.py (in the writer's transaction) and rebuilt from those apps at any time with
`manage.py search_reindex`. Nothing else in reports writes."""

from django.db import models

from signaalloket.accounts.context import access_for
from signaalloket.signals.models import Signal


class SearchEntryQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SearchEntryQuerySet":
        """Entries of signals the user may see; desk-only entries only for the desk."""
        access = access_for(user)
        if access.is_desk:
            return self.all()  # as Signal.visible_to: the desk sees every signal
        return self.filter(signal__in=Signal.objects.visible_to(user).values("pk"), desk_only=False)


class SearchEntry(models.Model):
    """Denormalised text of one searchable item (a signal, a document, a comment, ...).

    Maintained by search_index.py. On SQLite a FTS5 table `reports_searchfts` mirrors it
    (rowid = id); on PostgreSQL a GIN index on the Dutch tsvector covers it.
    """

    signal = models.ForeignKey(
        "signals.Signal", on_delete=models.CASCADE, related_name="search_entries"
    )
    source = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=500, blank=True)
    body = models.TextField(blank=True)
    desk_only = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "object_id"], name="search_entry_source_object_unique"
            )
        ]
        indexes = [models.Index(fields=["signal", "source"])]
