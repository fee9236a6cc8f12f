from django import forms
from django.utils.translation import gettext_lazy as _


class DeadlineExtendForm(forms.Form):
    new_due_date = forms.DateField(
        label=_("Nieuwe uiterste datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={
            "required": _("Vul de nieuwe datum in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 30-04-2026."),
        },
    )
    reason = forms.CharField(
        label=_("Reden van de verlenging"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef een reden voor de verlenging.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, deadline=None, **kwargs):
        super().__init__(*args, **kwargs)
        if deadline is not None:
            prefix = f"deadline-{deadline.pk}"
            self.auto_id = f"id_{prefix}_%s"
            self.fields["version"].initial = deadline.version
