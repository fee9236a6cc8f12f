from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from signaalloket.core.models import ChoiceLabels

from .querysets import SignalQuerySet
from .states import State


class Confidentiality(models.TextChoices):
    INTERNAL = "internal", _("Intern")
    CONFIDENTIAL = "confidential", _("Vertrouwelijk")
    STRICTLY_CONFIDENTIAL = "strictly_confidential", _("Departementaal vertrouwelijk")


class Advice(models.TextChoices):
    PENDING = "", _("Nog niet gegeven")
    SUITABLE = "suitable", _("Geschikt voor een bestuurlijk signaal")
    NOT_SUITABLE = "not_suitable", _("Niet geschikt: andere route")


class Theme(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReferenceCounter(models.Model):
    """Last reference number handed out per year; incremented under a row lock (gapless)."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)


class Signal(ChoiceLabels, models.Model):
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True, editable=False)
    year = models.PositiveIntegerField(_("jaar"), editable=False)
    number = models.PositiveIntegerField(_("volgnummer"), editable=False)
    title = models.CharField(_("titel"), max_length=300)
    summary = models.TextField(_("samenvatting"), blank=True, max_length=20000)
    state = models.CharField(
        _("status"), max_length=30, choices=State.choices, default=State.INTAKE, db_index=True
    )
    confidentiality = models.CharField(
        _("rubricering"),
        max_length=30,
        choices=Confidentiality.choices,
        default=Confidentiality.CONFIDENTIAL,
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="signals", verbose_name=_("thema's")
    )
    origin = models.TextField(
        _("herkomst (onderzoek, zonder persoonsgegevens)"), blank=True, max_length=20000
    )
    advice = models.CharField(
        _("advies loket"), max_length=20, choices=Advice.choices, default=Advice.PENDING, blank=True
    )
    advice_reason = models.TextField(_("motivering advies"), blank=True, max_length=20000)
    alternative_route = models.TextField(_("andere route"), blank=True, max_length=5000)
    case_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guided_signals",
        verbose_name=_("behandelaar loket"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    state_changed_at = models.DateTimeField(_("status gewijzigd op"), null=True, blank=True)
    fact_check_started_at = models.DateTimeField(
        _("ambtelijk overleg gestart op"), null=True, blank=True, editable=False
    )
    offered_on = models.DateField(_("aangeboden op"), null=True, blank=True)
    response_received_on = models.DateField(_("reactie ontvangen op"), null=True, blank=True)
    response_delivered_on = models.DateField(_("reactie aangeboden op"), null=True, blank=True)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = SignalQuerySet.as_manager()

    class Meta:
        verbose_name = _("bestuurlijk signaal")
        verbose_name_plural = _("bestuurlijke signalen")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="signal_year_number_unique"),
            models.CheckConstraint(condition=Q(state__in=State.values), name="signal_state_valid"),
            models.CheckConstraint(
                condition=Q(confidentiality__in=Confidentiality.values),
                name="signal_confidentiality_valid",
            ),
        ]
        indexes = [models.Index(fields=["state", "year"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class Criterion(models.TextChoices):
    MISUSE = "misuse", _("Gebruik of misbruik van legale processen voor criminele doeleinden")
    STRUCTURAL = "structural", _("Structureel knelpunt")
    NATIONAL = "national", _("Bestemd voor landelijk niveau")
    INVESTIGATION = "investigation", _("Voortgekomen uit (opsporings)onderzoek")


class CriterionAssessment(ChoiceLabels, models.Model):
    signal = models.ForeignKey(Signal, on_delete=models.PROTECT, related_name="criteria")
    criterion = models.CharField(_("criterium"), max_length=20, choices=Criterion.choices)
    met = models.BooleanField(_("voldaan"), null=True)
    motivation = models.TextField(_("motivering"), blank=True, max_length=20000)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("toetsing criterium")
        verbose_name_plural = _("toetsing criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["signal", "criterion"], name="criterion_once_per_signal"
            )
        ]


class ApprovalKind(models.TextChoices):
    IN_APP = "in_app", _("In de applicatie")
    OFFLINE = "offline", _("Buiten de applicatie (getekende brief)")


class Submitter(ChoiceLabels, models.Model):
    """An organisation that (co-)submits a signal (indiener)."""

    signal = models.ForeignKey(Signal, on_delete=models.PROTECT, related_name="submitters")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("organisatie"),
    )
    is_lead = models.BooleanField(_("hoofdindiener"), default=False)
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contactpersoon"),
    )
    strategic_rep = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("strategisch vertegenwoordiger"),
    )
    # Free text kept for imported and older signals (before a person was named).
    strategic_rep_name = models.CharField(
        _("naam strategisch vertegenwoordiger"), max_length=200, blank=True
    )
    strategic_rep_function = models.CharField(
        _("functie strategisch vertegenwoordiger"), max_length=200, blank=True
    )
    approved_at = models.DateTimeField(_("definitief ingediend op"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("goedgekeurd door"),
    )
    approval_kind = models.CharField(
        _("wijze van goedkeuring"), max_length=10, choices=ApprovalKind.choices, blank=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("indiener")
        verbose_name_plural = _("indieners")
        ordering = ["-is_lead", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["signal", "organisation"], name="submitter_once_per_signal"
            ),
            models.UniqueConstraint(
                fields=["signal"], condition=Q(is_lead=True), name="submitter_one_lead"
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def strategic_rep_display(self) -> str:
        """The named person (with function), else the free text of older signals."""
        if self.strategic_rep is not None:
            person = self.strategic_rep
            function = person.function_title or self.strategic_rep_function
            return f"{person.full_name} ({function})" if function else person.full_name
        if self.strategic_rep_name and self.strategic_rep_function:
            return f"{self.strategic_rep_name} ({self.strategic_rep_function})"
        return self.strategic_rep_name


class ContactStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    CONFIRMED = "confirmed", _("Bevestigd")
    REMOVED = "removed", _("Verwijderd")
    REJECTED = "rejected", _("Afgewezen")


ACTIVE_CONTACT_STATUSES = (ContactStatus.PROPOSED, ContactStatus.CONFIRMED)


class SubmitterContact(ChoiceLabels, models.Model):
    """A contact person of a submitting organisation for one signal (contactpersoon).

    Keyed on signal and organisation (not on the Submitter row), so the history stays when
    an organisation is removed as submitter. Never deleted: removal sets status and ended_at.
    """

    signal = models.ForeignKey(Signal, on_delete=models.PROTECT, related_name="contacts")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="signal_contacts",
        verbose_name=_("contactpersoon"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ContactStatus.choices, default=ContactStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("voorgesteld door"),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bevestigd door"),
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beëindigd door"),
    )
    created_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    end_reason = models.TextField(_("reden"), blank=True, max_length=2000)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ContactStatus.values), name="contact_status_valid"
            ),
            models.UniqueConstraint(
                fields=["signal", "organisation", "user"],
                condition=Q(status__in=["proposed", "confirmed"]),
                name="contact_once_active",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["proposed", "confirmed"], ended_at__isnull=True)
                | Q(status__in=["removed", "rejected"], ended_at__isnull=False),
                name="contact_ended_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class ContributionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Niet gestart")
    WORKING = "working", _("In behandeling")
    CONTRIBUTED = "contributed", _("Bijgedragen")


class Addressee(ChoiceLabels, models.Model):
    """A bewindspersoon (Office) the signal is addressed to."""

    signal = models.ForeignKey(Signal, on_delete=models.PROTECT, related_name="addressees")
    office = models.ForeignKey(
        "organisations.Office",
        on_delete=models.PROTECT,
        related_name="addressed_signals",
        verbose_name=_("bewindspersoon"),
    )
    is_coordinating = models.BooleanField(_("penvoerder"), default=False)
    contact_official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contactambtenaar"),
    )
    contribution_status = models.CharField(
        _("bijdrage"),
        max_length=20,
        choices=ContributionStatus.choices,
        default=ContributionStatus.NOT_STARTED,
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("geadresseerde")
        verbose_name_plural = _("geadresseerden")
        ordering = ["-is_coordinating", "office__ministry__name"]
        constraints = [
            models.UniqueConstraint(fields=["signal", "office"], name="addressee_once_per_signal"),
            models.UniqueConstraint(
                fields=["signal"],
                condition=Q(is_coordinating=True),
                name="addressee_one_coordinator",
            ),
        ]

    def __str__(self) -> str:
        return str(self.office)


class AppendOnlyModel(ChoiceLabels, models.Model):
    """Rows are written once; the application never changes or deletes them."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("_allow_update", False):
            raise RuntimeError(f"{type(self).__name__} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError(f"{type(self).__name__} is append-only")


class StateChange(AppendOnlyModel):
    signal = models.ForeignKey(Signal, on_delete=models.PROTECT, related_name="state_changes")
    from_state = models.CharField(_("van"), max_length=30, choices=State.choices)
    to_state = models.CharField(_("naar"), max_length=30, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reason = models.TextField(_("reden"), blank=True)
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["created_at", "id"]


class TextRevision(models.Model):
    """A token that changes whenever a signal is added or its title or summary changes.

    Kept by database triggers (migration 0002), so every process sees a change, whatever wrote
    the row: services, the bulk generator, the importer, a queryset update. In-process caches
    of data derived from the texts (similar signals) are keyed on it.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.CharField(max_length=64)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="text_revision_single")]
