"""POST endpoints: a role that may not act is refused and nothing changes."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from signaalloket.audit.models import AuditEvent
from signaalloket.signals.models import Signal

from .matrix import POST_CHECKS
from .world import sees


def _snapshot():
    from django.apps import apps

    state = {
        "audit": AuditEvent.objects.count(),
        "signals": list(Signal.objects.order_by("pk").values()),
    }
    for label in ("documents.Document", "deadlines.Deadline"):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        state[label] = list(model.objects.order_by("pk").values())
    return state


@pytest.mark.parametrize("check", POST_CHECKS, ids=[f"{c.name}@{c.key}" for c in POST_CHECKS])
def test_refused_post_changes_nothing(check, world, db):
    try:
        kwargs = check.args(world, check.key)
        url = reverse(check.name, kwargs=kwargs) if kwargs is not None else None
    except NoReverseMatch:
        pytest.skip(f"{check.name} is not (yet) a URL of the project")
    if url is None:
        pytest.skip(f"{check.name}: no object for {check.key}")
    problems = []
    for role in check.refused:
        client = Client(raise_request_exception=False)
        if role != "anonymous":
            client.force_login(world.users[role])
        before = _snapshot()
        response = client.post(url, check.data)
        after = _snapshot()
        if role == "anonymous":
            ok = response.status_code == 302 and "/inloggen/" in response["Location"]
            expected = "login"
        elif check.role_first:
            expected = "403"
            ok = response.status_code == 403
        elif sees(role, check.key):
            expected = "403 (or 404)"
            ok = response.status_code in (403, 404)
        else:
            expected = "404"  # existence not revealed
            ok = response.status_code == 404
        if not ok:
            problems.append(f"{role}: expected {expected}, got {response.status_code}")
        if before != after:
            changed = [k for k in before if before[k] != after[k]]
            problems.append(f"{role}: POST changed {changed}")
    assert not problems, f"POST {url} ({check.key}):\n" + "\n".join(problems)
