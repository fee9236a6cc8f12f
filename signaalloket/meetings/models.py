import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from signaalloket.core.models import ChoiceLabels
from signaalloket.signals.querysets import OfSignalQuerySet


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    CANCELLED = "cancelled", _("Geannuleerd")
    HELD = "held", _("Gehouden")


class MeetingOutcome(models.TextChoices):
    NONE = "", _("Nog niet vastgesteld")
    CONFIRMED = "confirmed", _("Feiten bevestigd")
    CORRECTIONS = "corrections", _("Correcties nodig")


class FactCheckMeetingQuerySet(OfSignalQuerySet):
    pass


def _new_uid() -> str:
    return f"{uuid.uuid4()}@signaalloket"


class FactCheckMeeting(ChoiceLabels, models.Model):
    """The ambtelijk overleg: submitters and officials of every addressed ministry test the facts."""

    signal = models.ForeignKey(
        "signals.Signal", on_delete=models.PROTECT, related_name="fact_check_meetings"
    )
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    location = models.CharField(_("locatie"), max_length=300, blank=True)
    video_link = models.URLField(_("videolink"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    uid = models.CharField(max_length=100, unique=True, default=_new_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    cancel_reason = models.TextField(_("reden annulering"), blank=True, max_length=2000)
    minutes = models.TextField(_("verslag"), blank=True, max_length=50000)
    findings = models.TextField(_("bevindingen"), blank=True, max_length=20000)
    minutes_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verslag (document)"),
    )
    outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=MeetingOutcome.choices, blank=True, default=""
    )
    outcome_reason = models.TextField(_("toelichting uitkomst"), blank=True, max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = FactCheckMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("ambtelijk overleg")
        verbose_name_plural = _("ambtelijke overleggen")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values), name="meeting_status_valid"
            ),
            models.UniqueConstraint(
                fields=["signal"],
                condition=Q(status="planned"),
                name="meeting_one_planned_per_signal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signal_id} {self.starts_at:%Y-%m-%d %H:%M}"
