"""The signal-list filters. They live in the URL (GET); invalid values are dropped with a message."""

from django import forms
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from signaalloket.core.dates import today
from signaalloket.deadlines.models import Deadline, DeadlineStatus
from signaalloket.organisations.models import Ministry, Office, Organisation, PartnerKind
from signaalloket.signals.models import Addressee, Confidentiality, Signal, Submitter, Theme
from signaalloket.signals.states import State

SORTS = {
    "reference": (_("Kenmerk (nieuwste eerst)"), ["-year", "-number"]),
    "reference_asc": (_("Kenmerk (oudste eerst)"), ["year", "number"]),
    "title": (_("Titel (A-Z)"), ["title", "-year", "-number"]),
    "state": (_("Status"), ["state", "-year", "-number"]),
    "updated": (_("Laatst gewijzigd"), ["-updated_at", "-pk"]),
    "deadline": (_("Eerstvolgende termijn"), ["next_deadline", "-year", "-number"]),
}
FILTER_FIELDS = (
    "q",
    "state",
    "year",
    "ministry",
    "office",
    "organisation",
    "org_kind",
    "theme",
    "overdue",
    "confidentiality",
)
PAGE_SIZE = 25

EMPTY = [("", _("Alle"))]


class SignalFilterForm(forms.Form):
    q = forms.CharField(label=_("Titel of kenmerk bevat"), required=False, max_length=200)
    state = forms.MultipleChoiceField(
        label=_("Status"), required=False, choices=State.choices, widget=forms.SelectMultiple
    )
    year = forms.IntegerField(label=_("Jaar"), required=False, min_value=1990, max_value=2100)
    ministry = forms.ModelChoiceField(
        label=_("Ministerie (geadresseerd)"), required=False, queryset=Ministry.objects.all()
    )
    office = forms.ModelChoiceField(
        label=_("Bewindspersoon"),
        required=False,
        queryset=Office.objects.select_related("ministry"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Indienende organisatie"),
        required=False,
        queryset=Organisation.objects.filter(kind__in=["partner", "riec"]),
    )
    org_kind = forms.ModelChoiceField(
        label=_("Soort organisatie"),
        required=False,
        queryset=PartnerKind.objects.all(),
        to_field_name="code",
    )
    theme = forms.ModelChoiceField(label=_("Thema"), required=False, queryset=Theme.objects.all())
    overdue = forms.ChoiceField(
        label=_("Termijn verstreken"),
        required=False,
        choices=[*EMPTY, ("1", _("Ja")), ("0", _("Nee"))],
    )
    confidentiality = forms.ChoiceField(
        label=_("Rubricering"), required=False, choices=[*EMPTY, *Confidentiality.choices]
    )
    sort = forms.ChoiceField(
        label=_("Sorteren op"),
        required=False,
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("ministry", "office", "organisation", "org_kind", "theme"):
            self.fields[name].empty_label = _("Alle")
        self.fields["state"].widget.attrs["size"] = 4
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select | forms.SelectMultiple)
            field.widget.attrs["class"] = "utrecht-select" if is_select else "utrecht-textbox"


def parse_filters(data) -> tuple[dict, list[str]]:
    """Valid filter values, plus a Dutch message for each ignored one. Never raises."""
    form = SignalFilterForm(data)
    form.is_valid()
    cleaned = dict(form.cleaned_data)
    problems = []
    for name in form.errors:
        label = form.fields[name].label if name in form.fields else name
        problems.append(_("Filter '%(label)s' is genegeerd: ongeldige waarde.") % {"label": label})
        cleaned.pop(name, None)
    return cleaned, problems


def display_form(data, cleaned: dict) -> SignalFilterForm:
    """The filter form showing only the values that were applied."""
    valid = data.copy()
    for key in list(valid):
        if key not in cleaned:
            del valid[key]
    return SignalFilterForm(valid)


def annotate_deadlines(queryset):
    today_ = today()
    open_deadlines = Deadline.objects.filter(signal=OuterRef("pk"), status=DeadlineStatus.OPEN)
    return queryset.annotate(
        next_deadline=Subquery(open_deadlines.order_by("due_date").values("due_date")[:1]),
        is_overdue=Exists(open_deadlines.filter(due_date__lt=today_)),
    )


def apply_filters(queryset, cleaned: dict):
    """Filter a Signal queryset (already limited by visible_to) with the cleaned values."""
    if cleaned.get("q"):
        term = cleaned["q"]
        queryset = queryset.filter(Q(title__icontains=term) | Q(reference__icontains=term))
    if cleaned.get("state"):
        queryset = queryset.filter(state__in=cleaned["state"])
    if cleaned.get("year"):
        queryset = queryset.filter(year=cleaned["year"])
    if cleaned.get("ministry"):
        queryset = queryset.filter(
            Exists(
                Addressee.objects.filter(
                    signal=OuterRef("pk"), office__ministry=cleaned["ministry"]
                )
            )
        )
    if cleaned.get("office"):
        queryset = queryset.filter(
            Exists(Addressee.objects.filter(signal=OuterRef("pk"), office=cleaned["office"]))
        )
    if cleaned.get("organisation"):
        queryset = queryset.filter(
            Exists(
                Submitter.objects.filter(
                    signal=OuterRef("pk"), organisation=cleaned["organisation"]
                )
            )
        )
    if cleaned.get("org_kind"):
        queryset = queryset.filter(
            Exists(
                Submitter.objects.filter(
                    signal=OuterRef("pk"), organisation__partner_kind=cleaned["org_kind"]
                )
            )
        )
    if cleaned.get("theme"):
        queryset = queryset.filter(
            Exists(
                Signal.themes.through.objects.filter(
                    signal_id=OuterRef("pk"), theme=cleaned["theme"]
                )
            )
        )
    if cleaned.get("confidentiality"):
        queryset = queryset.filter(confidentiality=cleaned["confidentiality"])
    if cleaned.get("overdue") in ("0", "1"):
        overdue = Exists(
            Deadline.objects.filter(
                signal=OuterRef("pk"), status=DeadlineStatus.OPEN, due_date__lt=today()
            )
        )
        queryset = queryset.filter(overdue if cleaned["overdue"] == "1" else ~overdue)
    return queryset


def order(queryset, sort: str | None):
    _label, ordering = SORTS.get(sort or "reference", SORTS["reference"])
    if sort == "deadline":
        return queryset.order_by(F("next_deadline").asc(nulls_last=True), "-year", "-number")
    return queryset.order_by(*ordering)


def filtered_signals(*, user, data) -> tuple:
    """(queryset, cleaned, problems) for a GET QueryDict; the one path for list and exports.

    The queryset selects and orders; what it loads is up to the caller (rows.for_rows for
    the list, exports.export_rows for the exports).
    """
    cleaned, problems = parse_filters(data)
    queryset = annotate_deadlines(Signal.objects.visible_to(user))
    queryset = apply_filters(queryset, cleaned)
    return order(queryset, cleaned.get("sort")), cleaned, problems
