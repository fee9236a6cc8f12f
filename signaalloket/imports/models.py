from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalloket.core.models import ChoiceLabels

from .permissions import may_import_signals


class ImportStatus(models.TextChoices):
    VALIDATED = "validated", _("Gecontroleerd (proefrun)")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ImportJobQuerySet":
        if not may_import_signals(user):
            return self.none()
        return self.all()


class ImportJob(ChoiceLabels, models.Model):
    """An upload of historical signals: validated rows, processed in chunks after confirmation."""

    filename = models.CharField(_("bestandsnaam"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.VALIDATED
    )
    # [{"row": 2, "data": {...cleaned...}}] for valid rows
    rows = models.JSONField(default=list)
    # [{"row": 3, "errors": ["..."]}]
    rejected = models.JSONField(default=list)
    processed = models.PositiveIntegerField(default=0)
    created_signal_ids = models.JSONField(default=list)
    failed = models.JSONField(default=list)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        # The table of reports, where the model lived until issue 16 (moved without copying).
        db_table = "reports_importjob"
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def percent(self) -> int:
        return 100 if not self.rows else int(self.processed * 100 / len(self.rows))
