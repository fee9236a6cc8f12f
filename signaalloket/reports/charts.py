"""Accessible server-side SVG bar charts (role="img", <title>, <desc>); each page also shows
the same numbers as a table, so the chart is never the only carrier of the information."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 260
BAR_AREA = 360
VALUE_WIDTH = 60


def bar_chart(
    *, chart_id: str, title: str, rows: list[tuple[str, float]], unit: str = ""
) -> SafeString:
    """Horizontal bars; rows are (label, value)."""
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    height = max(1, len(rows)) * (BAR_HEIGHT + GAP) + GAP
    maximum = max((value for _label, value in rows), default=0) or 1
    desc = "; ".join(f"{label}: {_fmt(value)}{unit}" for label, value in rows) or "—"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        bar = max(0.0, value) / maximum * BAR_AREA
        short = label if len(label) <= 38 else label[:37] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT * 0.7:.1f}" text-anchor="end" '
            f'font-size="13" fill="#000">{escape(short)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{bar:.1f}" height="{BAR_HEIGHT}" '
            f'fill="#154273"></rect>'
            f'<text x="{LABEL_WIDTH + bar + 6:.1f}" y="{y + BAR_HEIGHT * 0.7:.1f}" '
            f'font-size="13" fill="#000">{escape(_fmt(value))}{escape(unit)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _fmt(value: float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return str(int(value))
