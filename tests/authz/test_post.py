"""Every URL x every role x a signal in every state, by POST (the table is posts.py).

Each POST runs in a savepoint that is rolled back, so all cases share one world. A refused
POST (login, 403, 404, 405) must write nothing: every INSERT/UPDATE/DELETE the request sends
and does not roll back is captured (sessions aside), and counts of the rows that matter plus the signal's state
and version are compared before and after.
"""

import re
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from signaalloket.audit.models import AuditEvent
from signaalloket.deadlines.models import Deadline
from signaalloket.documents.models import Document, DocumentVersion
from signaalloket.signals.models import Signal, StateChange

from .matrix import FORBIDDEN, LOGIN, METHOD, NOT_FOUND, ROWS, Case
from .posts import NOOP, POSTS, WRITE, posts_for
from .urls import project_url_names
from .world import ROLES, SIGNAL_KEYS, sees, state_of

# Cases where the code does not (yet) follow the rules: (url name, label, key) -> {role: why}.
# Each runs as its own xfail(strict=True) case: when the hole is fixed, the test says so.
HOLES: dict[tuple[str, str, str | None], dict[str, str]] = {}

REFUSALS = frozenset({LOGIN, FORBIDDEN, NOT_FOUND, METHOD})
WRITE_SQL = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)"?', re.I)
SAVEPOINT_SQL = re.compile(
    r'^(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\s+"?(\w+)"?', re.I
)
COUNTED = (StateChange, AuditEvent, Document, DocumentVersion, Deadline)


def _cases():
    for name in sorted(ROWS):
        row = ROWS[name]
        posts = posts_for(name)
        for post in posts:
            if not row.per_signal:
                keys = (None,)
            elif name in POSTS:
                keys = post.keys or row.keys or SIGNAL_KEYS
            else:
                keys = (row.keys or SIGNAL_KEYS)[1:2]  # GET only: one signal shows the 405
            for key in keys:
                holes = HOLES.get((name, post.label, key), {})
                rest = tuple(r for r in ROLES if r not in holes)
                label = f"{name}[{post.label}]" if post.label else name
                yield pytest.param(name, post, key, rest, id=f"{label}@{key or '-'}")
                for role, why in holes.items():
                    yield pytest.param(
                        name,
                        post,
                        key,
                        (role,),
                        id=f"{label}@{key or '-'}@{role}",
                        marks=pytest.mark.xfail(strict=True, reason=why),
                    )


def _snapshot(signal_pk):
    """Row counts of COUNTED and the signal's state and version, in one query."""
    table = connection.ops.quote_name
    # Table names come from the models, never from input.
    counts = ", ".join(f"(SELECT COUNT(*) FROM {table(m._meta.db_table)})" for m in COUNTED)  # noqa: S608
    signal = f"FROM {table(Signal._meta.db_table)} WHERE id = %s"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {counts}, (SELECT state {signal}), (SELECT version {signal})",
            [signal_pk, signal_pk],
        )
        return cursor.fetchone()


def _tables(queries) -> list[str]:
    """Tables the request wrote to and kept: writes inside a savepoint that was rolled back
    (a service that raised inside transaction.atomic) do not count."""
    levels: list[tuple[str | None, list[str]]] = [(None, [])]
    for query in queries:
        sql = query["sql"].strip()
        savepoint = SAVEPOINT_SQL.match(sql)
        if savepoint:
            verb, name = savepoint.group(1).upper(), savepoint.group(2)
            if verb == "SAVEPOINT":
                levels.append((name, []))
            elif len(levels) > 1 and levels[-1][0] == name:
                _, written = levels.pop()
                if not verb.startswith("ROLLBACK"):
                    levels[-1][1].extend(written)
            continue
        match = WRITE_SQL.match(sql)
        if match and match.group(1) != "django_session":
            levels[-1][1].append(match.group(1))
    return sorted({table for _, written in levels for table in written})


def _outcome(response, wrote: bool, anonymous: bool) -> str:
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        if anonymous and response["Location"].split("?")[0].endswith(reverse(settings.LOGIN_URL)):
            return LOGIN
    elif status in (403, 404, 405):
        return {403: FORBIDDEN, 404: NOT_FOUND, 405: METHOD}[status]
    elif status not in (200, 400, 409):
        return f"HTTP {status}"
    return WRITE if wrote else NOOP


def _post(client, url, post, world, key, *, setup: bool):
    """One POST in a savepoint: (response, tables written, snapshot changed)."""
    cookies = SimpleCookie()
    cookies.update(client.cookies)
    signal_pk = world.signals[key].pk if key else None
    with transaction.atomic():
        if post.setup and setup:
            post.setup(world, key)
        data = post.data(world, key) if post.data else {}
        before = _snapshot(signal_pk)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, data)
        changed = _snapshot(signal_pk) != before
        transaction.set_rollback(True)
    client.cookies = cookies  # a logout or a new session must not carry over
    return response, _tables(queries.captured_queries), changed


@pytest.mark.parametrize("name, post, key, roles", list(_cases()))
def test_post(name, post, key, roles, db, world, clients):
    if name not in project_url_names():
        pytest.skip(f"{name} is not (yet) a URL of the project")
    row = ROWS[name]
    args = post.args or row.args
    kwargs = args(world, key) if args else {}
    if kwargs is None:
        pytest.skip(f"{name}: no object for {key}")
    url = reverse(name, kwargs=kwargs)
    problems = []
    for role in roles:
        case = Case(
            role=role,
            key=key,
            state=state_of(key) if key else None,
            sees=sees(role, key) if key else False,
        )
        expected = post.expect(case)
        allowed = expected if isinstance(expected, frozenset) else frozenset({expected})
        # Whoever may not see the signal is refused before any guard: no setup needed.
        response, tables, changed = _post(clients[role], url, post, world, key, setup=case.sees)
        got = _outcome(response, bool(tables) or changed, case.anonymous)
        where = f"{role:16} POST {url}"
        if got in REFUSALS and (tables or changed):
            problems.append(f"{where}: answers {got} after writing {tables or 'the snapshot'}")
        if got not in allowed:
            problems.append(
                f"{where}: expected {'/'.join(sorted(allowed))}, got {got} "
                f"(HTTP {response.status_code}{', wrote ' + ', '.join(tables) if tables else ''})"
            )
    assert not problems, f"{name} ({key}):\n" + "\n".join(problems)


def test_post_table_names_rows_of_the_matrix():
    stale = sorted(set(POSTS) - set(ROWS))
    assert not stale, f"posts.POSTS has entries for URL names without a row in ROWS: {stale}"
    unlabelled = [
        name for name, posts in POSTS.items() if len({p.label for p in posts}) < len(posts)
    ]
    assert not unlabelled, f"Give each POST of one URL its own label: {unlabelled}"
