from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from signaalloket.core.models import ChoiceLabels
from signaalloket.signals.models import Confidentiality

from .querysets import DocumentQuerySet, DocumentVersionQuerySet


class DocumentKind(models.TextChoices):
    ATTACHMENT = "attachment", _("Bijlage")
    RESPONSE = "response", _("Gezamenlijke reactie bewindspersonen")
    APPROVAL_LETTER = "approval_letter", _("Getekende instemmingsbrief")
    OFFERING_LETTER = "offering_letter", _("Aanbiedingsbrief")
    MINUTES = "minutes", _("Verslag ambtelijk overleg")
    OTHER = "other", _("Overig")


class Document(ChoiceLabels, models.Model):
    """A document on a signal. Never deleted: removal is a retraction with a reason."""

    signal = models.ForeignKey(
        "signals.Signal",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("signaal"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("titel"), max_length=300)
    confidentiality = models.CharField(
        _("rubricering"),
        max_length=30,
        choices=Confidentiality.choices,
        default=Confidentiality.CONFIDENTIAL,
    )
    document_date = models.DateField(_("datum document"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)
    retracted_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    retracted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    retraction_reason = models.TextField(_("reden intrekking"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(retracted_at__isnull=True) | ~Q(retraction_reason=""),
                name="document_retraction_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="document_kind_valid"
            ),
        ]
        indexes = [models.Index(fields=["signal", "kind"])]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    """One uploaded file. A new upload adds a version; old versions and their bytes stay."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    file = models.FileField(_("bestand"), max_length=500)
    filename = models.CharField(_("bestandsnaam"), max_length=255)
    content_type = models.CharField(_("soort bestand"), max_length=100)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    extracted_text = models.TextField(_("tekst (voor zoeken)"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)

    objects = DocumentVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("documentversie")
        verbose_name_plural = _("documentversies")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.filename} (v{self.number})"
