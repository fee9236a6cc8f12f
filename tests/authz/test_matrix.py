"""The authorisation matrix: every URL x every role x a signal in every state.

See matrix.py for the table and how to add a row for a new URL.
"""

import io

import pytest
from django.conf import settings
from django.urls import reverse

from .matrix import (
    ALLOW,
    FORBIDDEN,
    LOGIN,
    METHOD,
    NOT_FOUND,
    ROWS,
    Case,
)
from .urls import EXEMPT, all_patterns, exemption, project_url_names
from .world import ROLES, SIGNAL_KEYS, sees, state_of


def test_every_url_has_a_row_in_the_matrix():
    names = project_url_names()
    missing = sorted(set(names) - set(ROWS))
    assert not missing, (
        "These URL names have no row in tests/authz/matrix.py (ROWS) and are not exempt in "
        "tests/authz/urls.py (EXEMPT). Add one per name, saying what each role gets:\n"
        + "\n".join(f"  {name:45} /{names[name]}" for name in missing)
    )


def test_matrix_has_no_stale_rows():
    stale = sorted(set(ROWS) - set(project_url_names()))
    assert not stale, f"Rows for URL names that no longer exist: {stale}"


def test_exemptions_are_used_and_names_are_unique():
    """Every exempt prefix still matches a pattern, and no two covered patterns share a name
    (reverse() reaches only one of them, so the other would go untested)."""
    patterns = all_patterns()
    unused = sorted(set(EXEMPT) - {exemption(p.route) for p in patterns})
    assert not unused, f"Exempt prefixes that match no URL pattern: {unused}"
    seen: dict[str, str] = {}
    doubles = []
    for p in patterns:
        if exemption(p.route) is None and p.name in seen:
            doubles.append(f"{p.name}: /{seen[p.name]} and /{p.route}")
        seen.setdefault(p.name, p.route)
    assert not doubles, "URL names used by more than one pattern:\n" + "\n".join(doubles)


def _outcome(response) -> str:
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        login = reverse(settings.LOGIN_URL)
        return LOGIN if response["Location"].split("?")[0].endswith(login) else ALLOW
    return {200: ALLOW, 403: FORBIDDEN, 404: NOT_FOUND, 405: METHOD}.get(status, f"HTTP {status}")


def _body_text(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        return " ".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    return content.decode("utf-8", errors="replace")


def _check(name, row, world, clients, key, problems) -> int:
    kwargs = row.args(world, key) if row.args else {}
    if kwargs is None:
        return 0
    url = reverse(name, kwargs=kwargs)
    for role in ROLES:
        case = Case(
            role=role,
            key=key,
            state=state_of(key) if key else None,
            sees=sees(role, key) if key else False,
        )
        expected = row.expect(case)
        allowed = expected if isinstance(expected, frozenset) else frozenset({expected})
        response = clients[role].get(url, row.query or {})
        got = _outcome(response)
        where = f"{role:16} {key or '-':26} GET {url}"
        if got not in allowed:
            problems.append(f"{where}: expected {'/'.join(sorted(allowed))}, got {got}")
        elif response.status_code == 200 and role != "anonymous":
            body = _body_text(response)
            leaked = [t for t in world.titles_hidden_from(role) if t in body]
            if leaked:
                problems.append(f"{where}: shows titles of signals it may not see: {leaked}")
            if row.shows_visible:
                absent = [t for t in world.titles_visible_to(role) if t not in body]
                if absent:
                    problems.append(f"{where}: does not show titles it may see: {absent}")
    return 1


@pytest.mark.parametrize("name", sorted(ROWS))
def test_matrix(name, db, world, clients):
    if name not in project_url_names():
        pytest.skip(f"{name} is not (yet) a URL of the project")
    row = ROWS[name]
    problems: list[str] = []
    checked = 0
    if row.per_signal:
        for key in row.keys or SIGNAL_KEYS:
            checked += _check(name, row, world, clients, key, problems)
    else:
        checked += _check(name, row, world, clients, None, problems)
    assert checked, f"{name}: no URL could be built for any signal"
    assert not problems, f"{name}:\n" + "\n".join(problems)


def _normalise(text: str) -> str:
    import re

    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    text = re.sub(r'"X-CSRFToken": "[^"]+"', "", text)
    text = re.sub(r'nonce="[^"]+"', "", text)
    return text


def test_counts_do_not_reveal_other_organisations_signals(db, world, clients):
    """Lists, dashboards, statistics, search and exports: adding signals a user may not see
    changes nothing in what that user gets (no title, no count, no total)."""
    from signaalloket.signals.states import State
    from tests.builders import build_signal

    roles = ("other_submitter", "other_official", "admin", "official")
    rows = {
        name: row
        for name, row in ROWS.items()
        if not row.per_signal and name in project_url_names()
    }

    def bodies() -> dict:
        result = {}
        for name, row in rows.items():
            kwargs = row.args(world, None) if row.args else {}
            if kwargs is None:
                continue
            url = reverse(name, kwargs=kwargs)
            for role in roles:
                response = clients[role].get(url, row.query or {})
                if response.status_code == 200:
                    result[(name, role)] = _normalise(_body_text(response))
        return result

    before = bodies()
    for i in range(3):
        build_signal(
            desk=world.users["desk_staff"],
            state=State.INTAKE,
            lead=world.lead,
            title=f"Extra Geheimtitel {i}",
        )
    after = bodies()
    changed = sorted(
        f"{name} as {role}"
        for key in before
        if before[key] != after.get(key)
        for name, role in [key]
    )
    assert before, "no list pages found"
    assert not changed, f"Pages change when invisible signals are added: {changed}"
