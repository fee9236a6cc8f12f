from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from signaalloket.core.models import ChoiceLabels

from .querysets import (
    CommentQuerySet,
    DraftVersionQuerySet,
    PiiDismissalQuerySet,
)

MAX_SECTION_CHARS = 50_000


class Format(models.Model):
    """A version of the desk's format. Editing the format means creating a new version."""

    number = models.PositiveIntegerField(_("versie"), unique=True)
    is_current = models.BooleanField(_("actueel"), default=False)
    note = models.CharField(_("toelichting wijziging"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("format")
        verbose_name_plural = _("formats")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="format_one_current"
            )
        ]

    def __str__(self) -> str:
        return f"Format versie {self.number}"


class FormatSection(models.Model):
    format = models.ForeignKey(Format, on_delete=models.PROTECT, related_name="sections")
    order = models.PositiveIntegerField(_("volgorde"))
    key = models.SlugField(_("sleutel"), max_length=50)
    title = models.CharField(_("titel"), max_length=200)
    guidance = models.TextField(_("toelichting"), blank=True, max_length=5000)
    required = models.BooleanField(_("verplicht"), default=True)

    class Meta:
        verbose_name = _("onderdeel format")
        verbose_name_plural = _("onderdelen format")
        ordering = ["format", "order"]
        constraints = [
            models.UniqueConstraint(fields=["format", "key"], name="format_section_key_unique"),
            models.UniqueConstraint(fields=["format", "order"], name="format_section_order_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class SignalFormat(models.Model):
    """The format version a signal was started in (it keeps that version)."""

    signal = models.OneToOneField(
        "signals.Signal", on_delete=models.PROTECT, related_name="draft_format"
    )
    format = models.ForeignKey(Format, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)


class DraftVersion(models.Model):
    """One save of the draft text: immutable; the text of every section as it was then."""

    signal = models.ForeignKey(
        "signals.Signal", on_delete=models.PROTECT, related_name="draft_versions"
    )
    number = models.PositiveIntegerField(_("versie"))
    format = models.ForeignKey(Format, on_delete=models.PROTECT, related_name="+")
    texts = models.JSONField(_("tekst per onderdeel"), default=dict)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    created_at = models.DateTimeField(_("opgeslagen op"), auto_now_add=True)

    objects = DraftVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("conceptversie")
        verbose_name_plural = _("conceptversies")
        ordering = ["signal", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["signal", "number"], name="draft_version_unique")
        ]

    def __str__(self) -> str:
        return f"Versie {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("DraftVersion is immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("DraftVersion is immutable")


class Visibility(models.TextChoices):
    INTERNAL = "internal", _("Intern (alleen loket)")
    SHARED = "shared", _("Gedeeld (indieners; ambtenaren vanaf ambtelijk overleg)")


class Comment(ChoiceLabels, models.Model):
    signal = models.ForeignKey(
        "signals.Signal", on_delete=models.PROTECT, related_name="draft_comments"
    )
    section_key = models.SlugField(_("onderdeel"), max_length=50)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reactie op"),
    )
    draft_version = models.ForeignKey(
        DraftVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    visibility = models.CharField(
        _("zichtbaarheid"), max_length=10, choices=Visibility.choices, default=Visibility.SHARED
    )
    body = models.TextField(_("opmerking"), max_length=10000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("opmerking")
        verbose_name_plural = _("opmerkingen")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["signal", "section_key"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values), name="comment_visibility_valid"
            )
        ]


class NameListEntry(models.Model):
    """A name the personal-data check looks for (managed by the desk)."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    is_active = models.BooleanField(_("actief"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("naam voor de persoonsgegevenscheck")
        verbose_name_plural = _("namenlijst persoonsgegevenscheck")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PiiDismissal(models.Model):
    """A finding the desk marked as false positive. Keyed by section and a fingerprint of the
    found value (not the value itself), so it survives re-scans and edits elsewhere."""

    signal = models.ForeignKey(
        "signals.Signal", on_delete=models.PROTECT, related_name="pii_dismissals"
    )
    section_key = models.SlugField(max_length=50)
    fingerprint = models.CharField(max_length=64)
    kind = models.CharField(_("soort"), max_length=30)
    reason = models.TextField(_("reden"), max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PiiDismissalQuerySet.as_manager()

    class Meta:
        verbose_name = _("vals positief (persoonsgegevens)")
        verbose_name_plural = _("valse positieven (persoonsgegevens)")
        constraints = [
            models.UniqueConstraint(
                fields=["signal", "section_key", "fingerprint"], name="pii_dismissal_unique"
            )
        ]


class DraftPassagePurge(models.Model):
    """A passage with personal data removed from earlier draft versions (issue 17).

    Records who, when, why and which versions, and a digest of the passage: never the
    passage itself. Draft audit events hold no draft text, so the audit chain is untouched.
    """

    signal = models.ForeignKey(
        "signals.Signal", on_delete=models.PROTECT, related_name="draft_purges"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    created_at = models.DateTimeField(_("verwijderd op"), auto_now_add=True)
    reason = models.TextField(_("reden"))
    version_numbers = models.JSONField(_("versies"), default=list)
    passage_sha256 = models.CharField(_("controlegetal passage"), max_length=64)
    passage_length = models.PositiveIntegerField(_("lengte passage"))

    class Meta:
        verbose_name = _("verwijdering uit conceptversies")
        verbose_name_plural = _("verwijderingen uit conceptversies")
        ordering = ["signal", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="draft_passage_purge_reason"
            )
        ]

    def __str__(self) -> str:
        return f"{self.passage_sha256[:12]} ({self.created_at:%d-%m-%Y})"
