from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from signaalloket.accounts.roles import Role
from signaalloket.organisations.models import Office
from signaalloket.signals.models import ContributionStatus

from .models import EffectOutcome


class OfficeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj} – {obj.ministry.name}"


class OfficialChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} ({obj.email})"


def officials_queryset(ministry_ids=None):
    users = get_user_model().objects.filter(
        is_active=True,
        memberships__is_active=True,
        memberships__role=Role.OFFICIAL,
        memberships__organisation__ministry__isnull=False,
    )
    if ministry_ids is not None:
        users = users.filter(memberships__organisation__ministry_id__in=list(ministry_ids))
    return users.distinct().order_by("full_name")


class AddresseeAddForm(forms.Form):
    office = OfficeChoiceField(
        label=_("Bewindspersoon"),
        queryset=Office.objects.none(),
        help_text=_("Alleen bewindspersonen die nu in functie zijn."),
    )
    is_coordinating = forms.BooleanField(label=_("Penvoerder"), required=False)
    contact_official = OfficialChoiceField(
        label=_("Contactambtenaar"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Een ambtenaar van het ministerie van deze bewindspersoon."),
    )

    def __init__(self, *args, exclude_office_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = (
            Office.objects.current().exclude(pk__in=list(exclude_office_ids))
        ).select_related("ministry")
        self.fields["contact_official"].queryset = officials_queryset()


class AddresseeEditForm(forms.Form):
    is_coordinating = forms.BooleanField(label=_("Penvoerder"), required=False)
    contact_official = OfficialChoiceField(
        label=_("Contactambtenaar"), queryset=get_user_model().objects.none(), required=False
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, ministry_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_official"].queryset = officials_queryset([ministry_id])


class ContributionForm(forms.Form):
    status = forms.ChoiceField(label=_("Bijdrage"), choices=ContributionStatus.choices)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class OfflineApprovalForm(forms.Form):
    letter = forms.FileField(
        label=_("Getekende instemmingsbrief"), help_text=_("PDF of DOCX van de getekende brief.")
    )
    note = forms.CharField(
        label=_("Notitie"), max_length=1000, required=False, widget=forms.Textarea({"rows": 2})
    )


class ResponseForm(forms.Form):
    file = forms.FileField(label=_("Gezamenlijke reactie"))
    response_date = forms.DateField(
        label=_("Datum van de reactie"), widget=forms.DateInput(attrs={"type": "date"})
    )
    title = forms.CharField(label=_("Titel"), max_length=300, required=False)


class EffectAnswerForm(forms.Form):
    """One organisation's answer; `organisations` are those the user may still answer for."""

    organisation = forms.TypedChoiceField(
        label=_("Namens"), coerce=int, required=False, empty_value=None
    )
    outcome = forms.ChoiceField(
        label=_("Wat heeft het signaal opgeleverd?"),
        choices=EffectOutcome.choices,
        widget=forms.RadioSelect,
    )
    explanation = forms.CharField(
        label=_("Toelichting"),
        max_length=5000,
        required=False,
        widget=forms.Textarea({"rows": 5}),
        help_text=_("Noem geen persoonsgegevens."),
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {o.pk: o for o in organisations}
        field = self.fields["organisation"]
        field.choices = [(o.pk, o.name) for o in organisations]
        if len(organisations) == 1:
            field.initial = organisations[0].pk


class ApprovalForm(forms.Form):
    """Approve one exact text: the page shows it, the POST carries what was shown."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    content_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)
    annexes_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)
    confirm = forms.BooleanField(
        required=True,
        error_messages={"required": _("Bevestig dat u met deze versie en bijlagen instemt.")},
    )
