from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalloket.core.models import ChoiceLabels


class AuditHead(models.Model):
    """Single row that serialises appends to the hash chain (updated first, so it is locked)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)


class AuditEvent(models.Model):
    """Append-only record of every write; each row carries the hash of its predecessor."""

    seq = models.PositiveBigIntegerField(_("volgnummer"), unique=True, editable=False)
    created_at = models.DateTimeField(_("tijdstip"), editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    signal = models.ForeignKey(
        "signals.Signal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("signaal"),
    )
    event_type = models.CharField(_("soort"), max_length=60, db_index=True)
    data = models.JSONField(_("gegevens"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditlog")
        ordering = ["seq"]
        indexes = [models.Index(fields=["signal", "seq"])]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("AuditEvent is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("AuditEvent is append-only")


class AccessAction(models.TextChoices):
    VIEW = "view", _("Bekeken")
    DOWNLOAD = "download", _("Gedownload")
    EXPORT = "export", _("Geëxporteerd")


class AccessLogEntry(ChoiceLabels, models.Model):
    """Inzageregistratie: who viewed or downloaded what, when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("wie")
    )
    signal = models.ForeignKey(
        "signals.Signal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_log",
        verbose_name=_("signaal"),
    )
    action = models.CharField(_("handeling"), max_length=20, choices=AccessAction.choices)
    object_description = models.CharField(_("wat"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("wanneer"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("inzageregistratie")
        verbose_name_plural = _("inzageregistratie")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["signal", "-created_at"]),
            models.Index(fields=["user", "-created_at"]),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("AccessLogEntry is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("AccessLogEntry is append-only")
