"""The annual report: a PDF per year in the spirit of the desk's own overview.

The figures cover every signal of the year. The signals themselves are listed in an appendix
when the year has at most ``ANNUAL_REPORT_LIST_LIMIT`` of them (a real desk has tens a year);
above that the report says how many there are and points to the export of the signal list
(``?year=``, the same signals). WeasyPrint needs about 10 ms per listed row on top of ~0.6 s
for the figures, so 1,500 rows would take 15-20 s.

Queries: the statistics (a fixed number, see statistics.py) and one more: the list with its
submitters and ministries, or above the limit the examples of the opening sentence. So the
count is the same below and above the limit, and nothing is read that the report does not
print.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from signaalloket.core.dates import today
from signaalloket.signals.models import Signal
from signaalloket.signals.states import State

from .statistics import statistics_for

EXAMPLES = 3


@dataclass
class ListedSignal:
    reference: str
    title: str
    state: str
    submitters: list[str] = field(default_factory=list)
    ministries: list[str] = field(default_factory=list)  # codes, alphabetical


def list_limit() -> int:
    return settings.ANNUAL_REPORT_LIST_LIMIT


def export_urls(year: int) -> dict[str, str]:
    """The signal list export limited to the year: exactly the signals of the report."""
    query = f"?year={year}"
    return {
        "xlsx": reverse("reports:export_xlsx") + query,
        "csv": reverse("reports:export_csv") + query,
    }


def _listed_signals(signals) -> tuple[list[ListedSignal], list[tuple[str, str]]]:
    """The signals (at most the limit), each with its submitters (the lead first) and the codes
    of its addressed ministries, plus (code, name) of those ministries for the legend.

    One query of only the printed columns: a row per signal, submitter and addressee (a signal
    has a few of each), so the report runs as many queries whether or not it lists them."""
    labels = {value: str(label) for value, label in State.choices}
    first = signals.order_by("number").values("pk")[: list_limit()]
    rows = (
        Signal.objects.filter(pk__in=first)
        .order_by("number", "-submitters__is_lead", "submitters__organisation__name")
        .values_list(
            "pk",
            "reference",
            "title",
            "state",
            "submitters__organisation__name",
            "addressees__office__ministry__code",
            "addressees__office__ministry__name",
        )
    )
    listed: dict[int, ListedSignal] = {}
    names: dict[str, set[str]] = {}
    for pk, reference, title, state, submitter, code, ministry in rows:
        row = listed.get(pk)
        if row is None:
            row = listed[pk] = ListedSignal(reference, title, labels.get(state, state))
        if submitter is not None and submitter not in row.submitters:
            row.submitters.append(submitter)
        if code is not None and code not in row.ministries:
            row.ministries.append(code)
            names.setdefault(code, set()).add(ministry)
    for row in listed.values():
        row.ministries.sort(key=str.casefold)
    legend = [(code, " / ".join(sorted(names[code]))) for code in sorted(names, key=str.casefold)]
    return list(listed.values()), legend


def _figure(title: str, column: str, rows: list[tuple[str, int]], explain: str = "") -> dict:
    """A table of counts with a bar per row (its length in percent of the largest count): the
    numbers and the chart in one, so no label is cut off and nothing is shown twice. The bar
    widths are whole percents, each a CSS class (`bar_widths`): no style attributes, which the
    content security policy of the browser view would block."""
    maximum = max((n for _label, n in rows), default=0) or 1
    return {
        "title": title,
        "column": column,
        "explain": explain,
        "rows": [(label, n, max(1, round(100 * n / maximum)) if n else 0) for label, n in rows],
    }


def annual_report_context(*, user, year: int) -> dict:
    signals = Signal.objects.visible_to(user).filter(year=year)
    stats = statistics_for(signals=signals)
    count = stats.total
    limit = list_limit()
    listed = count <= limit
    if listed:
        rows, legend = _listed_signals(signals)
        examples = [row.title for row in rows[:EXAMPLES]]
    else:
        rows, legend = [], []
        examples = list(signals.order_by("number").values_list("title", flat=True)[:EXAMPLES])
    figures = [
        _figure(_("Signalen per status"), _("Status"), stats.per_state),
        _figure(
            _("Signalen per geadresseerd ministerie"),
            _("Ministerie"),
            stats.per_ministry,
            _("Een signaal aan meer ministeries telt bij elk van die ministeries mee."),
        ),
        _figure(
            _("Signalen per soort indiener"),
            _("Soort indiener"),
            stats.per_partner_kind,
            _("Een signaal met meer indieners telt bij elke soort indiener mee."),
        ),
    ]
    effects = (
        None
        if stats.effects is None
        else _figure(
            _("Effecten"),
            _("Uitkomst"),
            stats.effects,
            _(
                "Elke indienende organisatie beantwoordt de effectmeting voor zichzelf en telt "
                "per signaal één keer mee."
            ),
        )
    )
    bar_widths = sorted(
        {width for figure in [*figures, effects] if figure for _l, _n, width in figure["rows"]}
    )
    return {
        "year": year,
        "today": today(),
        "count": count,
        "examples": examples,
        "listed": listed,
        "signals": rows,
        "legend": legend,
        "limit": limit,
        "export": export_urls(year),
        "stats": stats,
        "figures": figures,
        "effects": effects,
        "bar_widths": bar_widths,
    }


def annual_report_pdf(*, user, year: int, base_url: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "reports/annual_report.html", annual_report_context(user=user, year=year)
    )
    return HTML(string=html, base_url=base_url).write_pdf()
