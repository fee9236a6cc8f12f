"""The record of each approval of a draft: who approved which exact text, with which annexes.

Append-only: an approval is never changed or deleted, apart from `lapsed_at` and
`lapse_reason` when the text or the annexes change afterwards (procedure/approvals_services.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalloket.signals.models import ApprovalKind


class SubmissionApprovalQuerySet(models.QuerySet):
    def current(self) -> "SubmissionApprovalQuerySet":
        return self.filter(lapsed_at__isnull=True)


class SubmissionApproval(models.Model):
    submitter = models.ForeignKey(
        "signals.Submitter", on_delete=models.PROTECT, related_name="approvals"
    )
    draft_version = models.ForeignKey(
        "drafting.DraftVersion", on_delete=models.PROTECT, related_name="+"
    )
    version_number = models.PositiveIntegerField(_("versie"))
    content_hash = models.CharField(_("vingerafdruk tekst"), max_length=64)
    annexes = models.JSONField(_("bijlagen"), default=list, blank=True)
    annexes_hash = models.CharField(_("vingerafdruk bijlagen"), max_length=64)
    # The representative's account for an approval in the application; empty for a letter.
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    approver_name = models.CharField(_("naam"), max_length=200)
    approver_function = models.CharField(_("functie"), max_length=200, blank=True)
    approver_organisation = models.CharField(_("organisatie"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("wijze"), max_length=10, choices=ApprovalKind.choices)
    approved_at = models.DateTimeField(_("ingestemd op"))
    lapsed_at = models.DateTimeField(_("vervallen op"), null=True, blank=True)
    lapse_reason = models.CharField(_("reden vervallen"), max_length=300, blank=True)

    objects = SubmissionApprovalQuerySet.as_manager()

    class Meta:
        verbose_name = _("instemming")
        verbose_name_plural = _("instemmingen")
        ordering = ["approved_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["submitter"],
                condition=models.Q(lapsed_at__isnull=True),
                name="one_current_approval_per_submitter",
            ),
            models.CheckConstraint(
                condition=models.Q(lapsed_at__isnull=True) | ~models.Q(lapse_reason=""),
                name="lapsed_approval_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.approver_organisation} v{self.version_number}"
