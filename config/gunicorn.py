"""gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi`.

Command-line options override these (the load test of `make bench` sets its own bind and
workers).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = 60
graceful_timeout = 10
keepalive = 5


def post_worker_init(worker):
    """Build the per-process caches before the worker takes its first request: otherwise the
    first signal page of every worker waited a second for the similar-signals index."""
    from signaalloket.reports.similar import warm

    warm()


def on_starting(server):
    """Refuse to start on a failing system check (for instance SITE_URL without https in
    production, core.E001): gunicorn, unlike manage.py, does not run the checks itself."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("check")
