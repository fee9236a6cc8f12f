"""The page measurement of make bench, on a small generated database."""

import pytest

from signaalloket.bench import measure
from signaalloket.bench.generate import generate

pytestmark = pytest.mark.django_db


def test_every_page_for_every_role_with_ratios_to_the_floor(monkeypatch):
    generate(signals=60, seed=5, gemeenten=5)
    order = []
    real_time = measure._time

    def spy(client, url, headers=None):
        order.append(url)
        return real_time(client, url, headers)

    monkeypatch.setattr(measure, "_time", spy)
    monkeypatch.setattr(measure, "pages_for", _cheap(measure.pages_for))
    result = measure.measure_pages(repeat_scale=0.1)

    rows = {(row["page"], row["role"]): row for row in result["pages"]}
    for role in ("desk", "submitter", "official"):
        for page in ("floor", "floor_plain", "dashboard", "list", "search", "statistics"):
            assert rows[(page, role)]["status"] == [200], (page, role)
    assert result["floor_ms"] > 0
    # the similar-signals list is measured as htmx loads it: the fragment, not a page
    similar = rows[("detail_similar", "desk")]
    assert similar["status"] == [200] and similar["url"].endswith("/vergelijkbaar/")
    assert 0 < similar["bytes"] < rows[("detail", "desk")]["bytes"]
    dashboard = rows[("dashboard", "desk")]
    assert dashboard["ratio"] == pytest.approx(dashboard["median_ms"] / result["floor_ms"], 0.01)
    assert dashboard["target"] == "<= 5.0x" and isinstance(dashboard["met"], bool)
    # interleaved: after the warm-up, the desk's floor and dashboard alternate
    measured = order[len(result["pages"]) :]  # one warm-up request per page at this scale
    floor, home = "/bench/floor/", "/"
    turns = [url for url in measured if url in (floor, home)][:4]
    assert turns == [floor, home, floor, home]


def _cheap(pages_for):
    """The page list without the PDFs and exports (slow, and not interleaved anyway)."""

    def pages(users):
        slow = {"signal_pdf", "annual_report", "export_csv"}
        result = [page for page in pages_for(users) if page.key not in slow]
        for page in result:
            page.warmup = 1
        return result

    return pages
