"""A user's saved filters of the signal list (the list itself is a page of reports).

The table keeps the name it had in the reports app (Meta.db_table), see migration 0001.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
        db_table = "reports_savedfilter"
        verbose_name = _("opgeslagen filter")
        verbose_name_plural = _("opgeslagen filters")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_filter_name_per_user")
        ]

    def __str__(self) -> str:
        return self.name
