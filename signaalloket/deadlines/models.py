from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from signaalloket.core.dates import today
from signaalloket.core.models import ChoiceLabels
from signaalloket.signals.querysets import OfSignalQuerySet


class DeadlineKind(models.TextChoices):
    RESPONSE = "response", _("Reactie bewindspersonen")
    EFFECT_INQUIRY = "effect_inquiry", _("Effectmeting")
    EFFECT_ANSWER = "effect_answer", _("Antwoord effectmeting")


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("Lopend")
    MET = "met", _("Gehaald")
    WAIVED = "waived", _("Vervallen")


class DeadlineQuerySet(OfSignalQuerySet):
    def open(self) -> "DeadlineQuerySet":
        return self.filter(status=DeadlineStatus.OPEN)


class Deadline(ChoiceLabels, models.Model):
    signal = models.ForeignKey(
        "signals.Signal",
        on_delete=models.PROTECT,
        related_name="deadlines",
        verbose_name=_("signaal"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=DeadlineKind.choices)
    original_due_date = models.DateField(_("oorspronkelijke termijn"))
    due_date = models.DateField(_("uiterste datum"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    closed_on = models.DateField(_("afgehandeld op"), null=True, blank=True)
    reason = models.TextField(_("reden"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["signal", "kind"],
                condition=Q(status="open"),
                name="deadline_one_open_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(status__in=DeadlineStatus.values), name="deadline_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="waived") | ~Q(reason=""), name="deadline_waived_has_reason"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            # the per-signal "next deadline" / "overdue" subqueries of lists and dashboards
            models.Index(
                fields=["signal", "status", "due_date"], name="deadline_signal_status_due"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_date:%d-%m-%Y}"

    @property
    def is_extended(self) -> bool:
        return self.due_date != self.original_due_date

    @property
    def is_overdue(self) -> bool:
        """Still open and its last day has passed."""
        return self.status == DeadlineStatus.OPEN and self.due_date < today()


class DeadlineExtension(models.Model):
    deadline = models.ForeignKey(Deadline, on_delete=models.PROTECT, related_name="extensions")
    old_due_date = models.DateField(_("oude termijn"))
    new_due_date = models.DateField(_("nieuwe termijn"))
    reason = models.TextField(_("reden"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        verbose_name = _("verlenging")
        verbose_name_plural = _("verlengingen")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="extension_has_reason"),
            models.CheckConstraint(
                condition=Q(new_due_date__gt=models.F("old_due_date")), name="extension_is_later"
            ),
        ]
