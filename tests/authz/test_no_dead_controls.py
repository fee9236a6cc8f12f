"""No dead buttons (issue 17): a control is shown only when its predicate holds.

Every page of the matrix is opened as every role for a signal in every state. Each form that
POSTs and each htmx hx-post control on it is then submitted as that same user, with the
values the page put in it (hidden fields, pre-filled inputs, the first option of a select),
inside a savepoint that is rolled back. A control the user may not use answers 403 (or 405 /
404): that control should not have been shown.
"""

from html.parser import HTMLParser
from http.cookies import SimpleCookie

import pytest
from django.db import transaction
from django.urls import reverse

from .matrix import ROWS
from .urls import project_url_names
from .world import ROLES, SIGNAL_KEYS

REFUSED = {403: "403", 404: "404", 405: "405"}
# Roles that see signals with something to do; the others must simply show no dead control.
HAVE_CONTROLS = {"desk_staff", "desk_manager", "submitter", "strategic_rep", "official"}


class _Controls(HTMLParser):
    """Collects (action, fields) for every <form method=post> and hx-post element."""

    def __init__(self):
        super().__init__()
        self.controls: list[tuple[str, dict]] = []
        self._form: tuple[str, dict] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        hx = a.get("hx-post") or a.get("data-hx-post")
        if hx:
            self.controls.append((hx, {}))
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = (a.get("action") or "", {})
            self.controls.append(self._form)
            return
        if self._form is None:
            return
        fields = self._form[1]
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a and name not in fields:
                    fields[name] = a.get("value", "on")
            elif kind != "file":
                fields.setdefault(name, a.get("value", ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and self._select not in fields:
            fields[self._select] = a.get("value", "")
        elif tag == "button" and name and a.get("type", "submit") == "submit":
            fields.setdefault(name, a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _controls(html: str) -> list[tuple[str, dict]]:
    parser = _Controls()
    parser.feed(html)
    return parser.controls


def _pages(world):
    for name in sorted(ROWS):
        row = ROWS[name]
        if not row.per_signal or name not in project_url_names():
            continue
        for key in row.keys or SIGNAL_KEYS:
            kwargs = row.args(world, key) if row.args else {}
            if kwargs is not None:
                yield name, key, reverse(name, kwargs=kwargs), row.query or {}


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_every_control_shown_can_be_used(role, db, world, clients):
    client = clients[role]
    problems: list[str] = []
    submitted = 0
    for name, key, url, query in _pages(world):
        response = client.get(url, query)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for action, fields in _controls(response.content.decode()):
            target = action or url
            if not target.startswith("/") or target.startswith("/i18n/"):
                continue
            cookies = SimpleCookie()
            cookies.update(client.cookies)
            with transaction.atomic():
                answer = client.post(target, fields, HTTP_HX_REQUEST="true" if not fields else "")
                transaction.set_rollback(True)
            client.cookies = cookies
            submitted += 1
            if answer.status_code in REFUSED:
                problems.append(
                    f"{name} @ {key}: control POST {target} answers {answer.status_code}"
                )
    assert submitted or role not in HAVE_CONTROLS, f"{role}: no control found on any page"
    assert not problems, f"{role} is shown controls it cannot use:\n" + "\n".join(
        sorted(set(problems))
    )
