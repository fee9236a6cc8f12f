from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from signaalloket.core.models import ChoiceLabels


class NotificationKind(models.TextChoices):
    STATE_CHANGED = "state_changed", _("Status gewijzigd")
    FACT_CHECK_STARTED = "fact_check_started", _("Ambtelijk overleg gestart")
    CORRECTIONS_NEEDED = "corrections_needed", _("Correcties nodig")
    APPROVAL_REQUESTED = "approval_requested", _("Instemming gevraagd")
    OFFERED = "offered", _("Signaal aangeboden")
    RESPONSE_RECEIVED = "response_received", _("Reactie ontvangen")
    RESPONSE_DELIVERED = "response_delivered", _("Reactie aangeboden")
    EFFECT_INQUIRY = "effect_inquiry", _("Effectmeting")
    EFFECT_REMINDER = "effect_reminder", _("Herinnering effectmeting")
    CLOSED = "closed", _("Signaal afgesloten")
    WITHDRAWN = "withdrawn", _("Signaal ingetrokken")
    NOT_PURSUED = "not_pursued", _("Signaal niet doorgezet")
    MEETING_INVITATION = "meeting_invitation", _("Uitnodiging ambtelijk overleg")
    MEETING_UPDATED = "meeting_updated", _("Ambtelijk overleg gewijzigd")
    MEETING_CANCELLED = "meeting_cancelled", _("Ambtelijk overleg geannuleerd")
    APPROVALS_COMPLETE = "approvals_complete", _("Alle indieners hebben ingestemd")
    APPROVAL_LAPSED = "approval_lapsed", _("Instemming vervallen")
    CONTRIBUTIONS_COMPLETE = "contributions_complete", _("Alle ministeries hebben bijgedragen")
    EFFECT_ANSWERED = "effect_answered", _("Antwoord effectmeting ontvangen")
    RESPONSE_REMINDER = "response_reminder", _("Herinnering reactietermijn")
    RESPONSE_OVERDUE = "response_overdue", _("Reactietermijn verstreken")
    PARTICIPANT_CHANGED = "participant_changed", _("Betrokkenheid gewijzigd")


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "NotificationQuerySet":
        """A user sees only their own notifications."""
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(recipient=user)

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(ChoiceLabels, models.Model):
    """A message in a user's inbox; also the unit that is e-mailed (immediately or in a digest).

    The text never contains signal content: only the reference number and what happened.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="notifications",
        verbose_name=_("ontvanger"),
    )
    signal = models.ForeignKey(
        "signals.Signal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signaal"),
    )
    kind = models.CharField(_("soort"), max_length=30, choices=NotificationKind.choices)
    text = models.CharField(_("tekst"), max_length=500)
    url = models.CharField(_("link"), max_length=500, blank=True)
    dedupe_key = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)
    email_skipped = models.BooleanField(default=False, editable=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notification_dedupe_once",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["emailed_at", "email_skipped"]),
        ]

    def __str__(self) -> str:
        return self.text


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("Direct per bericht")
    DIGEST = "digest", _("Eén keer per dag een overzicht")


class NotificationPreference(ChoiceLabels, models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="notification_preference",
    )
    email_mode = models.CharField(
        _("e-mail"), max_length=20, choices=EmailMode.choices, default=EmailMode.IMMEDIATE
    )
    last_digest_on = models.DateField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("berichtvoorkeur")
        verbose_name_plural = _("berichtvoorkeuren")


class SentReminder(models.Model):
    """Proof that a reminder for a deadline at a given offset went out; makes the job idempotent."""

    deadline = models.ForeignKey(
        "deadlines.Deadline", on_delete=models.PROTECT, related_name="sent_reminders"
    )
    key = models.CharField(max_length=60)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verstuurde herinnering")
        verbose_name_plural = _("verstuurde herinneringen")
        constraints = [
            models.UniqueConstraint(fields=["deadline", "key"], name="sent_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.deadline_id}:{self.key}"
