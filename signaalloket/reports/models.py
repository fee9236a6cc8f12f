from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalloket.accounts.context import access_for
from signaalloket.signals.models import Signal


class SavedFilterQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SavedFilterQuerySet":
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)


class SavedFilter(models.Model):
    """A named signal-list query of one user (the filters as a URL query string)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_filters"
    )
    name = models.CharField(_("naam"), max_length=100)
    query_string = models.CharField(_("filters"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = SavedFilterQuerySet.as_manager()

    class Meta:
        verbose_name = _("opgeslagen filter")
        verbose_name_plural = _("opgeslagen filters")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_filter_name_per_user")
        ]

    def __str__(self) -> str:
        return self.name


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
