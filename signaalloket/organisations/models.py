import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from signaalloket.core.dates import today
from signaalloket.core.models import ChoiceLabels


class DatedQuerySet(models.QuerySet):
    def current(self, on: dt.date | None = None):
        day = on or today()
        return self.filter(Q(valid_from__lte=day) | Q(valid_from__isnull=True)).filter(
            Q(valid_to__gte=day) | Q(valid_to__isnull=True)
        )


class Ministry(models.Model):
    code = models.CharField(_("afkorting"), max_length=20)
    name = models.CharField(_("naam"), max_length=200)
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_to = models.DateField(_("geldig tot en met"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("ministerie")
        verbose_name_plural = _("ministeries")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "valid_from"], name="ministry_code_from_unique"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="ministry_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OfficeKind(models.TextChoices):
    MINISTER = "minister", _("Minister")
    STATE_SECRETARY = "state_secretary", _("Staatssecretaris")
    MINISTER_WITHOUT_MINISTRY = "minister_without_ministry", _("Minister zonder portefeuille")


class Office(ChoiceLabels, models.Model):
    """A bewindspersoon's portfolio: the office a signal is addressed to."""

    kind = models.CharField(_("soort"), max_length=30, choices=OfficeKind.choices)
    ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, related_name="offices", verbose_name=_("ministerie")
    )
    title = models.CharField(_("titel"), max_length=300)
    holder_name = models.CharField(_("naam bewindspersoon"), max_length=200, blank=True)
    valid_from = models.DateField(_("ambtstermijn vanaf"), null=True, blank=True)
    valid_to = models.DateField(_("ambtstermijn tot en met"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("bewindspersoon")
        verbose_name_plural = _("bewindspersonen")
        ordering = ["ministry__name", "kind", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="office_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        holder = f" ({self.holder_name})" if self.holder_name else ""
        return f"{self.title}{holder}"


class PartnerKind(models.Model):
    """Kind of partner organisation (gemeente, OM, Belastingdienst, ...): reference data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=200)

    class Meta:
        verbose_name = _("soort partnerorganisatie")
        verbose_name_plural = _("soorten partnerorganisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    PARTNER = "partner", _("Partnerorganisatie")
    RIEC = "riec", _("RIEC")
    DESK = "desk", _("Loket (LIEC)")
    MINISTRY = "ministry", _("Ministerie")


class Organisation(ChoiceLabels, models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)
    partner_kind = models.ForeignKey(
        PartnerKind,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("soort partner"),
    )
    ministry = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("ministerie"),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="ministry") | Q(ministry__isnull=False),
                name="organisation_ministry_has_ministry",
            ),
            models.CheckConstraint(
                condition=Q(kind="ministry") | Q(ministry__isnull=True),
                name="organisation_only_ministry_links_ministry",
            ),
        ]

    def __str__(self) -> str:
        return self.name
