"""The annual report: a PDF per year in the spirit of the desk's own overview."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from signaalloket.signals.models import Signal
from signaalloket.signals.selectors import signal_list_for_user

from . import charts
from .statistics import statistics_for


def annual_report_context(*, user, year: int) -> dict:
    signals = list(signal_list_for_user(user=user).filter(year=year).order_by("number"))
    stats = statistics_for(signals=Signal.objects.visible_to(user).filter(year=year))
    return {
        "year": year,
        "signals": signals,
        "count": len(signals),
        "examples": signals[:3],
        "stats": stats,
        "charts": {
            "state": charts.bar_chart(
                chart_id="jr-state", title=_("Signalen per status"), rows=stats.per_state
            ),
            "ministry": charts.bar_chart(
                chart_id="jr-ministry", title=_("Signalen per ministerie"), rows=stats.per_ministry
            ),
        },
    }


def annual_report_pdf(*, user, year: int, base_url: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "reports/annual_report.html", annual_report_context(user=user, year=year)
    )
    return HTML(string=html, base_url=base_url).write_pdf()
