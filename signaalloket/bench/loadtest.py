"""Load test: the app under gunicorn on 127.0.0.1 and a small threaded HTTP client.

Each simulated user is a thread with its own logged-in session (created directly in the
session store, so the test does not depend on the login form or MFA) and its own keep-alive
connection. It repeats: pick a weighted action (mostly reads, some writes), send it (a signal
page is followed by the similar-signals list, as the browser loads it), wait a think time.
Bounded: the run stops after `duration` seconds; gunicorn is stopped (by its own process
group) whatever happens. Loopback only.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from signaalloket.accounts.models import User
from signaalloket.accounts.roles import Role
from signaalloket.signals.models import Signal
from signaalloket.signals.states import State

from .generate import GENERATED_DOMAIN
from .measure import percentile


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_for(user: User) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


@dataclass
class VirtualUser:
    role: str
    session: str
    csrf: str
    detail_ids: list
    drafting_ids: list


@dataclass
class Results:
    samples: dict = field(default_factory=dict)  # action -> [seconds]
    errors: dict = field(default_factory=dict)  # action -> count
    error_examples: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, action: str, seconds: float, ok: bool, detail: str = "") -> None:
        with self.lock:
            self.samples.setdefault(action, []).append(seconds)
            if not ok:
                self.errors[action] = self.errors.get(action, 0) + 1
                if len(self.error_examples) < 10:
                    self.error_examples.append(f"{action}: {detail}")


def prepare_users(count: int, rng: random.Random) -> list[VirtualUser]:
    generated = User.objects.filter(email__endswith="@" + GENERATED_DOMAIN)
    pools = {
        "desk": list(generated.filter(memberships__role=Role.DESK_STAFF).distinct()[:8]),
        "submitter": list(
            generated.filter(
                memberships__role=Role.SUBMITTER, memberships__organisation__kind="riec"
            ).distinct()[:10]
        ),
        "official": list(generated.filter(memberships__role=Role.OFFICIAL).distinct()[:20]),
    }
    mix = ["desk"] * 8 + ["submitter"] * 8 + ["official"] * 4
    users = []
    for i in range(count):
        role = mix[i % len(mix)]
        user = pools[role][i % len(pools[role])]
        visible = Signal.objects.visible_to(user)
        detail_ids = list(visible.order_by("-pk").values_list("pk", flat=True)[:200])
        drafting_ids = list(
            visible.filter(state=State.DRAFTING).order_by("-pk").values_list("pk", flat=True)[:50]
        )
        users.append(
            VirtualUser(
                role=role,
                session=session_for(user),
                csrf=secrets.token_hex(16),  # 32 characters: an unmasked CSRF secret
                detail_ids=detail_ids or [0],
                drafting_ids=drafting_ids,
            )
        )
    rng.shuffle(users)
    return users


READS = [
    ("dashboard", 20),
    ("list", 15),
    ("list_filtered", 15),
    ("detail", 25),
    ("search", 10),
    ("statistics", 5),
]
WRITES = [("comment", 6), ("saved_filter", 4)]


def _request(
    conn, method, path, user: VirtualUser, body: dict | None = None, extra: dict | None = None
):
    headers = {
        "Cookie": f"{settings.SESSION_COOKIE_NAME}={user.session}; "
        f"{settings.CSRF_COOKIE_NAME}={user.csrf}",
        "Host": "127.0.0.1",
        **(extra or {}),
    }
    payload = None
    if body is not None:
        payload = urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["X-CSRFToken"] = user.csrf
    conn.request(method, path, body=payload, headers=headers)
    response = conn.getresponse()
    response.read()
    return response.status


def _worker(port, user: VirtualUser, results: Results, stop_at, think, seed, year, counter) -> None:
    rng = random.Random(seed)  # noqa: S311 (load mix, not security)
    actions = READS + WRITES
    names = [a for a, _w in actions]
    weights = [w for _a, w in actions]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < stop_at:
        action = rng.choices(names, weights)[0]
        method, body = "GET", None
        if action == "dashboard":
            path = "/"
        elif action == "list":
            path = f"/signalen/?page={rng.randint(1, 5)}"
        elif action == "list_filtered":
            state = rng.choice(["offered", "drafting", "closed", "decision"])
            path = f"/signalen/?year={rng.choice([year, year - 1])}&state={state}&sort=deadline"
        elif action == "detail":
            path = f"/signalen/{rng.choice(user.detail_ids)}/"
        elif action == "search":
            path = "/zoeken/?" + urlencode({"q": rng.choice(["subsidie", "vastgoed", "haven"])})
        elif action == "statistics":
            path = "/statistieken/"
        elif action == "comment" and user.drafting_ids:
            method = "POST"
            path = f"/signalen/{rng.choice(user.drafting_ids)}/concept/opmerkingen/"
            body = {
                "section_key": "samenvatting",
                "body": "Opmerking uit de belastingtest.",
                "visibility": "shared",
            }
        else:
            action, method = "saved_filter", "POST"
            path = "/signalen/filters/"
            body = {"name": f"Belastingtest {next(counter)}", "query": "state=offered"}
        requests = [(action, method, path, body, None)]
        if action == "detail":
            # the browser then loads the similar-signals list (htmx, when scrolled into view)
            requests.append(
                ("detail_similar", "GET", path + "vergelijkbaar/", None, {"HX-Request": "true"})
            )
        for name, method, path, body, extra in requests:
            started = time.perf_counter()
            try:
                status = _request(conn, method, path, user, body, extra)
                ok = status in (200, 302) if method == "POST" else status == 200
                detail = f"HTTP {status} {method} {path}"
            except (OSError, http.client.HTTPException) as exc:
                ok, detail = False, f"{type(exc).__name__} {method} {path}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            results.add(name, time.perf_counter() - started, ok, detail)
        if think:
            time.sleep(rng.uniform(*think))
    conn.close()


def _wait_until_up(port: int, deadline: float) -> bool:
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return True
        except OSError:
            time.sleep(0.2)
    return False


def run_load_test(
    *,
    users: int = 20,
    duration: float = 60,
    workers: int = 2,
    think: tuple[float, float] | None = (0.5, 1.5),
    seed: int = 7,
    progress=None,
) -> dict:
    say = progress or (lambda message: None)
    rng = random.Random(seed)  # noqa: S311 (load mix, not security)
    virtual = prepare_users(users, rng)
    port = free_port()
    base = Path(settings.BASE_DIR)
    log_path = base / "var" / "bench" / "gunicorn.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        "config/gunicorn.py",  # the production settings (workers warm their caches first)
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--keep-alive",
        "5",
        "--timeout",
        "60",
        "--graceful-timeout",
        "5",
    ]
    with open(log_path, "w") as log:
        server = subprocess.Popen(  # noqa: S603 (fixed command, our own interpreter)
            command,
            cwd=base,
            env=os.environ.copy(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        if not _wait_until_up(port, time.monotonic() + 60):
            return {"error": "gunicorn kwam niet op; zie var/bench/gunicorn.log", "port": port}
        say(f"gunicorn ({workers} workers) op 127.0.0.1:{port}; {users} gebruikers, {duration} s")
        results = Results()
        counter = iter(range(1, 10**9))
        counter_lock = threading.Lock()

        class SafeCounter:
            def __next__(self):
                with counter_lock:
                    return next(counter)

        year = time.gmtime().tm_year - 1
        started = time.monotonic()
        stop_at = started + duration
        threads = [
            threading.Thread(
                target=_worker,
                args=(port, user, results, stop_at, think, seed + i, year, SafeCounter()),
                daemon=True,
            )
            for i, user in enumerate(virtual)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=duration + 60)
        elapsed = time.monotonic() - started
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)
    every = [s for samples in results.samples.values() for s in samples]
    per_action = {
        action: {
            "requests": len(samples),
            "median_ms": round(statistics.median(samples) * 1000, 1),
            "p95_ms": round(percentile(samples, 0.95) * 1000, 1),
            "errors": results.errors.get(action, 0),
        }
        for action, samples in sorted(results.samples.items())
    }
    summary = {
        "users": users,
        "workers": workers,
        "duration_s": round(elapsed, 1),
        "think_time_s": list(think) if think else None,
        "requests": len(every),
        "rps": round(len(every) / elapsed, 1) if elapsed else 0,
        "median_ms": round(statistics.median(every) * 1000, 1) if every else None,
        "p95_ms": round(percentile(every, 0.95) * 1000, 1) if every else None,
        "errors": sum(results.errors.values()),
        "error_examples": results.error_examples,
        "actions": per_action,
    }
    say(
        f"{summary['requests']} verzoeken, {summary['rps']}/s, p95 {summary['p95_ms']} ms, "
        f"{summary['errors']} fouten"
    )
    return summary
