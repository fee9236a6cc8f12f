from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from signaalloket.organisations.models import Organisation, OrganisationKind

from .models import Confidentiality, Theme


class SignalEditForm(forms.Form):
    """The signal's basic fields; `version` carries the optimistic lock."""

    title = forms.CharField(
        label=_("Titel"),
        max_length=300,
        error_messages={"required": _("Vul een titel in.")},
    )
    summary = forms.CharField(
        label=_("Samenvatting"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    origin = forms.CharField(
        label=_("Herkomst"),
        help_text=_(
            "Uit welk onderzoek komt het signaal voort? Beschrijf het verschijnsel, "
            "geen personen: persoonsgegevens horen hier niet."
        ),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    confidentiality = forms.ChoiceField(label=_("Rubricering"), choices=Confidentiality.choices)
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


def lead_organisation_choices(access):
    """Desk: any active partner or RIEC; a submitter: only their own submitting organisations."""
    queryset = Organisation.objects.filter(
        is_active=True, kind__in=(OrganisationKind.PARTNER, OrganisationKind.RIEC)
    ).order_by("name")
    if not access.is_desk:
        queryset = queryset.filter(pk__in=access.submitter_org_ids)
    return queryset


class SignalCreateForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=300,
        error_messages={"required": _("Vul een titel in.")},
    )
    summary = forms.CharField(
        label=_("Samenvatting"),
        help_text=_(
            "Welk legaal proces wordt misbruikt, en waarom is dat een structureel knelpunt?"
        ),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    lead_organisation = forms.ModelChoiceField(
        label=_("Hoofdindiener"),
        queryset=Organisation.objects.none(),
        empty_label=_("Kies een organisatie"),
        error_messages={
            "required": _("Kies de organisatie die het signaal indient."),
            "invalid_choice": _("Kies een organisatie uit de lijst."),
        },
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        choices = lead_organisation_choices(access)
        self.fields["lead_organisation"].queryset = choices


# Participants (betrokkenen). The page builds the choices once; these forms validate a POST.


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), max_length=2000, required=False)


class SubmitterAddForm(ReasonForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.filter(
            is_active=True, kind__in=(OrganisationKind.PARTNER, OrganisationKind.RIEC)
        ),
        error_messages={"required": _("Kies een organisatie.")},
    )
    is_lead = forms.BooleanField(label=_("Hoofdindiener"), required=False)


class PersonForm(ReasonForm):
    """A person chosen from a list (checked again by the service)."""

    user = forms.ModelChoiceField(
        label=_("Persoon"), queryset=get_user_model().objects.filter(is_active=True), required=False
    )
    make_lead = forms.BooleanField(label=_("Hoofdcontactpersoon"), required=False)
    expected_version = forms.IntegerField(required=False, min_value=0)
