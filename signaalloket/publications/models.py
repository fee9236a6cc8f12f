"""The public register: per signal whether (and how) it is published, and the consents.

The tables keep the names they had in the reports app (Meta.db_table), see migration 0001.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalloket.signals.querysets import OfSignalQuerySet, visible_signal


class PublicationQuerySet(OfSignalQuerySet):
    def public(self) -> "PublicationQuerySet":
        """What the public register shows: published entries only."""
        return self.filter(published=True)


class Publication(models.Model):
    """Whether (and how) a signal appears in the public register. Off by default."""

    signal = models.OneToOneField(
        "signals.Signal", on_delete=models.PROTECT, related_name="publication"
    )
    public_summary = models.TextField(_("openbare samenvatting"), blank=True, max_length=5000)
    consent_statement = models.TextField(
        _("vastgelegde verklaring van toestemming"), blank=True, max_length=5000
    )
    published = models.BooleanField(_("gepubliceerd"), default=False)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        db_table = "reports_publication"
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")


class PublicationConsentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PublicationConsentQuerySet":
        return self.filter(visible_signal(user, "publication__signal"))


class PublicationConsent(models.Model):
    """The consent of one submitting organisation to publication in the public register."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="consents")
    submitter = models.ForeignKey(
        "signals.Submitter", on_delete=models.PROTECT, related_name="publication_consents"
    )
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    objects = PublicationConsentQuerySet.as_manager()

    class Meta:
        db_table = "reports_publicationconsent"
        verbose_name = _("toestemming publicatie")
        verbose_name_plural = _("toestemmingen publicatie")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "submitter"], name="publication_consent_once"
            )
        ]
