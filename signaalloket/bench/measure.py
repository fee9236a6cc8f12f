"""Server time of the main pages, in-process, against a database filled by generate.py.

Each page is requested through Django's test Client (the whole middleware stack, sessions,
templates) and timed around the request. The same run measures the framework floor: an
authenticated page that renders the site layout around nothing (`/bench/floor/`, served only
by the bench URLconf). Ratios are page median / floor median.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from signaalloket.accounts.models import User
from signaalloket.accounts.roles import Role
from signaalloket.core.jobs import registered_jobs
from signaalloket.deadlines.models import Deadline
from signaalloket.signals.models import Addressee, Signal, Submitter
from signaalloket.signals.states import State

from .generate import GENERATED_DOMAIN

BENCH_URLCONF = "signaalloket.bench.urls"

# page key: (target kind, ratio limit or None, absolute limit in seconds or None)
TARGETS = {
    "dashboard": ("ratio", 5.0),
    "list": ("ratio", 5.0),
    "list_filtered": ("ratio", 5.0),
    "detail": ("ratio", 5.0),
    # the similar-signals list, which the signal page loads with htmx when it scrolls into view
    "detail_similar": ("ratio", 5.0),
    "search": ("ratio", 10.0),
    "statistics": ("ratio", 10.0),
    "signal_pdf": ("seconds", 1.0),
    "annual_report": ("seconds", 5.0),
}


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 20 samples is the 19th smallest)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.4999)))
    return ordered[rank - 1]


@dataclass
class Page:
    key: str
    role: str
    url: str
    repeats: int = 20
    warmup: int = 2
    headers: dict | None = None


def bench_users() -> dict[str, User]:
    """A desk user, the submitter of the busiest organisation and an official of the busiest
    ministry, all generated (so their data is realistic)."""
    generated = User.objects.filter(email__endswith="@" + GENERATED_DOMAIN)
    desk = (
        generated.filter(memberships__role=Role.DESK_STAFF, email__startswith="loket1@").first()
        or generated.filter(memberships__role=Role.DESK_STAFF).first()
    )
    busiest_org = (
        Submitter.objects.values("organisation_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("organisation_id", flat=True)
        .first()
    )
    submitter = generated.filter(
        memberships__role=Role.SUBMITTER, memberships__organisation_id=busiest_org
    ).first()
    busiest_ministry = (
        Addressee.objects.filter(signal__fact_check_started_at__isnull=False)
        .values("office__ministry_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("office__ministry_id", flat=True)
        .first()
    )
    official = generated.filter(
        memberships__role=Role.OFFICIAL,
        memberships__organisation__ministry_id=busiest_ministry,
    ).first()
    return {"desk": desk, "submitter": submitter, "official": official}


def _detail_signal(user) -> Signal | None:
    """A signal far along the procedure (long history, many panels) the user may see."""
    return (
        Signal.objects.visible_to(user)
        .filter(state__in=[State.RESPONSE_DELIVERED, State.EFFECT_INQUIRY, State.OFFERED])
        .annotate(events=Count("audit_events"))
        .order_by("-events", "pk")
        .first()
    )


def _pdf_signal(user) -> Signal | None:
    return (
        Signal.objects.visible_to(user)
        .filter(state__in=[State.DECISION, State.OFFERED, State.RESPONSE_RECEIVED])
        .order_by("pk")
        .first()
    )


def pages_for(users: dict[str, User]) -> list[Page]:
    year = dt.date.today().year - 1
    pages: list[Page] = []
    for role, user in users.items():
        if user is None:
            continue
        pages += [
            Page("floor_plain", role, "/bench/floor/plain/", 30),
            Page("floor", role, "/bench/floor/", 30),
            Page("dashboard", role, "/"),
            Page("list", role, "/signalen/"),
            Page(
                "list_filtered",
                role,
                f"/signalen/?year={year}&state=offered&state=response_received"
                "&state=drafting&sort=deadline",
            ),
            Page("search", role, "/zoeken/?q=subsidie"),
            Page("statistics", role, "/statistieken/"),
            Page("export_csv", role, "/signalen/export.csv", 3, 0),
        ]
        detail = _detail_signal(user)
        if detail is not None:
            pages.append(Page("detail", role, f"/signalen/{detail.pk}/"))
            pages.append(
                Page(
                    "detail_similar",
                    role,
                    f"/signalen/{detail.pk}/vergelijkbaar/",
                    headers={"HX-Request": "true"},
                )
            )
        pdf = _pdf_signal(user)
        if pdf is not None:
            pages.append(Page("signal_pdf", role, f"/signalen/{pdf.pk}/concept/pdf/", 5, 1))
        if role == "desk":
            pages.append(Page("annual_report", role, f"/jaarverslag/{year}/", 2, 0))
    return pages


def _time(client: Client, url: str, headers: dict | None = None) -> tuple[float, int, int]:
    started = time.perf_counter()
    response = client.get(url, headers=headers)
    if getattr(response, "streaming", False):
        size = sum(len(chunk) for chunk in response.streaming_content)
    else:
        size = len(response.content)
    return time.perf_counter() - started, response.status_code, size


def _interleaved(page: Page) -> bool:
    return page.key.startswith("floor") or TARGETS.get(page.key, ("", 0))[0] == "ratio"


def _sample(client, page: Page, i: int, samples, statuses, sizes) -> None:
    seconds, status, size = _time(client, page.url, page.headers)
    samples[i].append(seconds)
    statuses[i].add(status)
    sizes[i] = size


def measure_pages(*, repeat_scale: float = 1.0, progress=None) -> dict:
    """Median and p95 per page and role, plus query counts and ratios to the floor."""
    say = progress or (lambda message: None)
    users = bench_users()
    results: dict = {"users": {k: (u.email if u else None) for k, u in users.items()}, "pages": []}
    with override_settings(ROOT_URLCONF=BENCH_URLCONF):
        pages = pages_for(users)
        clients = {}
        for role, user in users.items():
            if user is not None:
                # a failing page is recorded as HTTP 500 and the run goes on
                clients[role] = Client(raise_request_exception=False)
                clients[role].force_login(user)
        floor_samples: dict[str, list[float]] = {}
        samples: dict[int, list[float]] = {i: [] for i in range(len(pages))}
        statuses: dict[int, set] = {i: set() for i in range(len(pages))}
        sizes: dict[int, int] = {}
        for page in pages:
            for _ in range(page.warmup):
                _time(clients[page.role], page.url, page.headers)
        # Round robin per role: one request of each page (floors included) in turn, so a
        # page and the floor it is compared with are measured in the same minutes; this
        # machine's speed drifts by half from one minute to the next. Pages with an absolute
        # target (PDFs, exports) follow in a block of their own.
        rounds = {i: max(2, int(page.repeats * repeat_scale)) for i, page in enumerate(pages)}
        interleaved = [i for i, page in enumerate(pages) if _interleaved(page)]
        for role in clients:
            mine = [i for i in interleaved if pages[i].role == role]
            for turn in range(max((rounds[i] for i in mine), default=0)):
                for i in mine:
                    if turn < rounds[i]:
                        _sample(clients[role], pages[i], i, samples, statuses, sizes)
        for i, page in enumerate(pages):
            if i not in interleaved:
                for _ in range(rounds[i]):
                    _sample(clients[page.role], page, i, samples, statuses, sizes)
        for i, page in enumerate(pages):
            with CaptureQueriesContext(connection) as queries:
                clients[page.role].get(page.url, headers=page.headers)
            row = {
                "page": page.key,
                "role": page.role,
                "url": page.url,
                "n": rounds[i],
                "median_ms": round(statistics.median(samples[i]) * 1000, 2),
                "p95_ms": round(percentile(samples[i], 0.95) * 1000, 2),
                "queries": len(queries.captured_queries),
                "status": sorted(statuses[i]),
                "bytes": sizes.get(i, 0),
            }
            if page.key.startswith("floor"):
                floor_samples.setdefault(page.key, []).extend(samples[i])
            results["pages"].append(row)
            say(
                f"{page.role:9} {page.key:14} median {row['median_ms']:8.1f} ms  "
                f"p95 {row['p95_ms']:8.1f} ms  {row['queries']:3} queries  {row['status']}"
            )
    floor = statistics.median(floor_samples.get("floor", [0.001])) * 1000
    plain = statistics.median(floor_samples.get("floor_plain", [0.001])) * 1000
    results["floor_ms"] = round(floor, 2)
    results["floor_plain_ms"] = round(plain, 2)
    for row in results["pages"]:
        row["ratio"] = round(row["median_ms"] / floor, 2) if floor else None
        row["ratio_plain"] = round(row["median_ms"] / plain, 2) if plain else None
        kind_limit = TARGETS.get(row["page"])
        if kind_limit:
            kind, limit = kind_limit
            value = row["ratio"] if kind == "ratio" else row["median_ms"] / 1000
            row["target"] = f"<= {limit}x" if kind == "ratio" else f"< {limit} s"
            row["met"] = (
                value is not None
                and (value <= limit if kind == "ratio" else value < limit)
                and row["status"] == [200]
            )
    return results


def measure_sweep(*, progress=None) -> dict:
    """run_due_jobs over the whole database: the catch-up run, an idle re-run, the run five
    minutes later (what the loop does all day) and the run the next morning."""
    say = progress or (lambda message: None)
    now = timezone.now()
    runs = {}
    plan = [
        ("catch_up", now),
        ("again", now),
        ("five_minutes_later", now + dt.timedelta(minutes=5)),
        ("next_morning", now + dt.timedelta(days=1)),
    ]
    for name, at in plan:
        per_job = {}
        started = time.perf_counter()
        for job_name, job in registered_jobs().items():
            job_started = time.perf_counter()
            done = job(at)
            per_job[job_name] = {
                "done": done,
                "ms": round((time.perf_counter() - job_started) * 1000, 1),
            }
        total = time.perf_counter() - started
        runs[name] = {"seconds": round(total, 3), "jobs": per_job}
        say(f"sweep {name:20} {total:7.3f} s  {per_job}")
    return {
        "signals": Signal.objects.count(),
        "open_deadlines": Deadline.objects.filter(status="open").count(),
        "runs": runs,
    }
