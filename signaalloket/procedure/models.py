from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from signaalloket.core.models import ChoiceLabels
from signaalloket.signals.querysets import OfSignalQuerySet


class EffectOutcome(models.TextChoices):
    LAW_CHANGED = "law_changed", _("Wet- of regelgeving is aangepast")
    POLICY_CHANGED = "policy_changed", _("Beleid is aangepast")
    IN_PROGRESS = "in_progress", _("Er wordt aan gewerkt")
    NO_EFFECT = "no_effect", _("Geen effect")
    OTHER = "other", _("Anders")


class EffectAnswerQuerySet(OfSignalQuerySet):
    pass


class EffectAnswer(ChoiceLabels, models.Model):
    """What a signal changed, as one submitting organisation sees it six months after the
    response: one answer per organisation per signal (the desk answers on behalf of a chosen
    organisation). Rows from before that rule may have no organisation."""

    signal = models.ForeignKey(
        "signals.Signal", on_delete=models.PROTECT, related_name="effect_answers"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("namens"),
    )
    outcome = models.CharField(_("wat is er gebeurd"), max_length=20, choices=EffectOutcome.choices)
    explanation = models.TextField(_("toelichting"), blank=True, max_length=5000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("ingevuld op"), auto_now_add=True)

    objects = EffectAnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("antwoord effectmeting")
        verbose_name_plural = _("antwoorden effectmeting")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=EffectOutcome.values), name="effect_answer_outcome_valid"
            ),
            models.UniqueConstraint(
                fields=["signal", "organisation"],
                condition=Q(organisation__isnull=False),
                name="effect_answer_one_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.get_outcome_display()


from .approvals import SubmissionApproval  # noqa: E402, F401  (the approval record, issue 17)
