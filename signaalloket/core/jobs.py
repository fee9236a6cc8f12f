"""Background jobs run by `manage.py run_due_jobs`.

Apps register a job in AppConfig.ready(): `register_job("reminders", send_due_reminders)`.
A job is a callable `(now) -> int` (how many things it did). It must be idempotent and safe to
run from several machines at once: select rows with select_for_update(skip_locked=True) and
record what was done, so a second run does nothing twice.
"""

from collections.abc import Callable

_jobs: dict[str, Callable] = {}


def register_job(name: str, job: Callable) -> None:
    _jobs[name] = job


def registered_jobs() -> dict[str, Callable]:
    return dict(_jobs)
