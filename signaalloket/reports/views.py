from csp.constants import NONCE
from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from signaalloket.accounts.context import access_for
from signaalloket.audit.models import AccessAction
from signaalloket.audit.services import access_log_record
from signaalloket.core.dates import today
from signaalloket.core.errors import NotAllowed, NotFound
from signaalloket.lists.forms import SavedFilterForm
from signaalloket.lists.models import SavedFilter
from signaalloket.signals.models import Signal
from signaalloket.signals.selectors import signal_get_for_user

from . import charts, exports
from .annual import annual_report_context, annual_report_pdf
from .annual import export_urls as annual_export_urls
from .annual import list_limit as annual_list_limit
from .dashboard import dashboard_for, section_rows
from .filters import FILTER_FIELDS, PAGE_SIZE, display_form, filtered_signals
from .permissions import can_view_annual_report
from .rows import for_rows
from .search import search
from .similar import similar_signals_for
from .statistics import statistics_for


def _filter_query(request: HttpRequest, *, keep_sort: bool = True) -> str:
    query = request.GET.copy()
    for key in list(query):
        if key not in FILTER_FIELDS and not (keep_sort and key == "sort"):
            del query[key]
    return query.urlencode()


# Dashboard ----------------------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    board = dashboard_for(user=request.user)
    return render(request, "reports/dashboard.html", {"board": board, "today": today()})


@login_required
@require_GET
def dashboard_section(request: HttpRequest, key: str) -> HttpResponse:
    """Every row of one dashboard section, paginated."""
    section, rows = section_rows(user=request.user, key=key)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/dashboard_section.html",
        {"section": section, "page": page, "rows": page.object_list, "today": today()},
    )


# Signal list --------------------------------------------------------------------------------


@login_required
@require_GET
def signal_list(request: HttpRequest) -> HttpResponse:
    queryset, cleaned, problems = filtered_signals(user=request.user, data=request.GET)
    paginator = Paginator(for_rows(queryset), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    form = display_form(request.GET, cleaned)
    context = {
        "form": form,
        "page": page,
        "signals": page.object_list,
        "problems": problems,
        "query": _filter_query(request),
        "query_without_sort": _filter_query(request, keep_sort=False),
        "saved_filters": SavedFilter.objects.visible_to(request.user),
        "saved_form": SavedFilterForm(),
        "today": today(),
    }
    template = "reports/signal_list.html"
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        template += "#results"
    return render(request, template, context)


@login_required
@require_GET
def similar_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The signals most like this one; the signal page loads the list with htmx."""
    signal = signal_get_for_user(user=request.user, pk=pk)
    template = "reports/similar.html"
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        template += "#list"
    context = {"signal": signal, "similar": similar_signals_for(user=request.user, signal=signal)}
    return render(request, template, context)


@login_required
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    queryset, _cleaned, _problems = filtered_signals(user=request.user, data=request.GET)
    rows = exports.export_rows(queryset)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        content = exports.to_xlsx(rows)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = exports.to_csv(rows)
        content_type = "text/csv; charset=utf-8"
    access_log_record(
        user=request.user,
        action=AccessAction.EXPORT,
        description=f"Export {fmt.upper()} ({len(rows)} signalen) {_filter_query(request)}",
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="signalen-{stamp}.{fmt}"'
    return response


# Search -------------------------------------------------------------------------------------


@login_required
@require_GET
def search_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    results = search(user=request.user, query=query) if query.strip() else []
    return render(
        request,
        "reports/search.html",
        {"query": query, "results": results, "searched": bool(query.strip())},
    )


# Statistics and annual report ---------------------------------------------------------------


def _annual_reports_for_desk(user) -> None:
    if not can_view_annual_report(user):
        raise NotAllowed(_("Alleen het loket heeft toegang tot deze pagina."))


def _chart_rows(stats) -> list[dict]:
    items = [
        ("year", _("Signalen per jaar"), stats.per_year, _("Jaar")),
        ("state", _("Signalen per status"), stats.per_state, _("Status")),
        (
            "ministry",
            _("Signalen per geadresseerd ministerie"),
            stats.per_ministry,
            _("Ministerie"),
        ),
        ("partner", _("Signalen per soort indiener"), stats.per_partner_kind, _("Soort indiener")),
        ("theme", _("Signalen per thema"), stats.per_theme, _("Thema")),
    ]
    if stats.effects is not None:
        items.append(("effect", _("Effecten"), stats.effects, _("Uitkomst")))
    return [
        {
            "id": key,
            "title": title,
            "column": column,
            "rows": rows,
            "svg": charts.bar_chart(chart_id=f"chart-{key}", title=title, rows=rows),
        }
        for key, title, rows, column in items
    ]


@login_required
@require_GET
def statistics_view(request: HttpRequest) -> HttpResponse:
    """The desk sees figures over all signals; everyone else over the signals they may see."""
    signals = Signal.objects.visible_to(request.user)
    year = request.GET.get("jaar", "")
    year_value = int(year) if year.isdigit() and len(year) == 4 else None
    if year and year_value is None:
        messages.warning(request, _("Het opgegeven jaar is ongeldig en is genegeerd."))
    if year_value:
        signals = signals.filter(year=year_value)
    stats = statistics_for(signals=signals)
    response_rows = [(r.ministry, r.median_days or 0) for r in stats.response_times if r.count]
    return render(
        request,
        "reports/statistics.html",
        {
            "stats": stats,
            "charts": _chart_rows(stats),
            "response_chart": charts.bar_chart(
                chart_id="chart-response",
                title=_("Mediane reactietermijn per ministerie (dagen)"),
                rows=response_rows,
                unit=" d",
            ),
            "year": year_value,
            "is_desk": access_for(request.user).is_desk,
            "years": list(
                Signal.objects.visible_to(request.user)
                .order_by("year")
                .values_list("year", flat=True)
                .distinct()
            ),
        },
    )


@login_required
@require_GET
def annual_report_index(request: HttpRequest) -> HttpResponse:
    """Per year: the report and the export of all signals of that year (the same signals)."""
    _annual_reports_for_desk(request.user)
    limit = annual_list_limit()
    counts = (
        Signal.objects.visible_to(request.user)
        .order_by()
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
        .values_list("year", "n")
    )
    years = [
        {"year": year, "count": n, "listed": n <= limit, "export": annual_export_urls(year)}
        for year, n in counts
    ]
    return render(request, "reports/annual_index.html", {"years": years, "limit": limit})


@login_required
@require_GET
@csp_update({"style-src": [NONCE]})  # the report's own <style> in the browser view
def annual_report_view(request: HttpRequest, year: int) -> HttpResponse:
    _annual_reports_for_desk(request.user)
    if not 1990 <= year <= 2100:
        raise NotFound()
    if request.GET.get("html"):
        context = annual_report_context(user=request.user, year=year)
        context["in_browser"] = True
        return render(request, "reports/annual_report.html", context)
    content = annual_report_pdf(
        user=request.user, year=year, base_url=request.build_absolute_uri("/")
    )
    access_log_record(
        user=request.user, action=AccessAction.EXPORT, description=f"Jaarverslag {year}"
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="jaarverslag-{year}.pdf"'
    return response
