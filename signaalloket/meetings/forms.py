import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import MeetingOutcome


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Begintijd"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Eindtijd"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    location = forms.CharField(label=_("Locatie"), max_length=300, required=False)
    video_link = forms.URLField(
        label=_("Videolink"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Een locatie, een videolink of allebei."),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def datetimes(self) -> tuple[dt.datetime, dt.datetime]:
        data = self.cleaned_data
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(data["date"], data["start_time"], tzinfo=tz)
        end = dt.datetime.combine(data["date"], data["end_time"], tzinfo=tz)
        return start, end

    @classmethod
    def initial_for(cls, meeting) -> dict:
        start = timezone.localtime(meeting.starts_at)
        return {
            "date": start.date(),
            "start_time": start.time(),
            "end_time": timezone.localtime(meeting.ends_at).time(),
            "location": meeting.location,
            "video_link": meeting.video_link,
            "expected_version": meeting.version,
        }


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van annulering"), max_length=2000, widget=forms.Textarea({"rows": 2})
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[c for c in MeetingOutcome.choices if c[0]],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Welke correcties zijn nodig?"),
        max_length=5000,
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Verplicht bij 'correcties nodig'; de indieners zien deze reden."),
    )
    findings = forms.CharField(
        label=_("Bevindingen"), max_length=20000, required=False, widget=forms.Textarea({"rows": 4})
    )
    minutes = forms.CharField(
        label=_("Verslag"), max_length=50000, required=False, widget=forms.Textarea({"rows": 6})
    )
    minutes_file = forms.FileField(label=_("Verslag als document"), required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
