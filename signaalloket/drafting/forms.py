from django import forms
from django.utils.translation import gettext_lazy as _

from signaalloket.signals.models import Advice, Criterion

from .models import Visibility

MET_CHOICES = [("", _("Nog niet beoordeeld")), ("yes", _("Ja, voldaan")), ("no", _("Nee"))]


class IntakeForm(forms.Form):
    def __init__(self, *args, assessments=(), signal=None, with_advice=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = []
        by_criterion = {a.criterion: a for a in assessments}
        for value, label in Criterion.choices:
            existing = by_criterion.get(value)
            met = (
                ""
                if existing is None or existing.met is None
                else ("yes" if existing.met else "no")
            )
            self.fields[f"met_{value}"] = forms.ChoiceField(
                label=label, choices=MET_CHOICES, required=False, initial=met
            )
            self.fields[f"motivation_{value}"] = forms.CharField(
                label=_("Motivering: %(criterion)s") % {"criterion": label},
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=existing.motivation if existing else "",
            )
            self.fields[f"version_{value}"] = forms.IntegerField(
                widget=forms.HiddenInput,
                required=False,
                initial=existing.version if existing else 1,
            )
            self.criteria.append(value)
        self.with_advice = with_advice
        if with_advice:
            self.fields["advice"] = forms.ChoiceField(
                label=_("Advies van het loket"),
                choices=Advice.choices,
                required=False,
                initial=signal.advice if signal else "",
            )
            self.fields["advice_reason"] = forms.CharField(
                label=_("Waarom"),
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=signal.advice_reason if signal else "",
            )
            self.fields["alternative_route"] = forms.CharField(
                label=_("Andere route (als een signaal niet geschikt is)"),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=signal.alternative_route if signal else "",
            )
            self.fields["signal_version"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=signal.version if signal else 1
            )

    def criterion_rows(self):
        return [
            (self[f"met_{c}"], self[f"motivation_{c}"], self[f"version_{c}"]) for c in self.criteria
        ]

    def assessments(self) -> dict:
        data = self.cleaned_data
        result = {}
        for c in self.criteria:
            if data.get(f"version_{c}") is None:
                continue  # not part of the submitted form: leave unchanged
            met = {"yes": True, "no": False}.get(data.get(f"met_{c}") or "")
            result[c] = {
                "met": met,
                "motivation": data.get(f"motivation_{c}", ""),
                "version": data.get(f"version_{c}"),
            }
        return result

    def advice(self) -> dict | None:
        if not self.with_advice or "advice" not in self.data:
            return None
        data = self.cleaned_data
        return {
            "advice": data.get("advice", ""),
            "advice_reason": data.get("advice_reason", ""),
            "alternative_route": data.get("alternative_route", ""),
        }


class CommentForm(forms.Form):
    section_key = forms.SlugField(widget=forms.HiddenInput)
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    body = forms.CharField(
        label=_("Opmerking"), max_length=10000, widget=forms.Textarea(attrs={"rows": 2})
    )
    visibility = forms.ChoiceField(
        label=_("Zichtbaar voor"), choices=Visibility.choices, initial=Visibility.SHARED
    )


class PiiDismissForm(forms.Form):
    section_key = forms.SlugField(widget=forms.HiddenInput)
    fingerprint = forms.RegexField(regex=r"^[0-9a-f]{40}$", widget=forms.HiddenInput)
    kind = forms.CharField(max_length=30, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Waarom is dit geen persoonsgegeven?"), max_length=2000)


class FormatSectionForm(forms.Form):
    key = forms.SlugField(label=_("Sleutel"), max_length=50, required=False)
    title = forms.CharField(label=_("Titel"), max_length=200, required=False)
    guidance = forms.CharField(
        label=_("Toelichting"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    required = forms.BooleanField(label=_("Verplicht"), required=False)


FormatSectionFormSet = forms.formset_factory(
    FormatSectionForm, extra=2, can_delete=True, can_order=True, max_num=40, absolute_max=60
)


class FormatNoteForm(forms.Form):
    note = forms.CharField(label=_("Toelichting op deze versie"), max_length=500, required=False)


class NameForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
