from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class EmailAuthenticationForm(AuthenticationForm):
    """Log in with an e-mail address and password (field name stays `username` for axes)."""

    username = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl."),
        },
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Vul uw wachtwoord in.")},
    )

    error_messages = {
        "invalid_login": _(
            "Het e-mailadres of het wachtwoord is onjuist. Let op: het wachtwoord is "
            "hoofdlettergevoelig."
        ),
        "inactive": _("Dit account is niet actief. Neem contact op met de functioneel beheerder."),
    }

    def clean_username(self) -> str:
        return (self.cleaned_data.get("username") or "").strip().lower()


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("De code van zes cijfers uit uw authenticator-app."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": _("Vul de code in.")},
    )


class VerifyForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_(
            "De code van zes cijfers uit uw authenticator-app, of een van uw herstelcodes."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
        error_messages={"required": _("Vul de code in.")},
    )
