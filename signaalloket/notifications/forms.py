from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EmailMode


class PreferenceForm(forms.Form):
    email_mode = forms.ChoiceField(
        label=_("Berichten per e-mail"), choices=EmailMode.choices, widget=forms.RadioSelect
    )
