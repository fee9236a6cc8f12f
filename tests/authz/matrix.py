"""THE AUTHORISATION MATRIX: what every role may do with every URL of the project.

Each URL name of the project has a row: how to fill in the URL (`args`) and what a role
must get for a signal in a given state (`expect`). test_matrix.py requests every URL (GET)
as every role for a signal in every state and compares; test_post.py does the same by POST
with the table in posts.py. A URL pattern without a row (and not exempt in urls.EXEMPT) fails
the test, listing the missing names: add a row here when you add a URL.

Outcomes:
  ALLOW      200, or a redirect that is not to the login page
  LOGIN      redirect to the login page (anonymous)
  FORBIDDEN  403: the user sees the object but may not take this action (Dutch message)
  NOT_FOUND  404: the user may not see the object (its existence is not revealed)
  METHOD     405: the URL does not answer GET (POST-only endpoints; POST is in posts.py)

`expect(c)` receives a Case: c.role (see world.ROLES), c.key (state of the signal, or
world.BACK_TO_DRAFTING), c.state, c.sees (the issue's visibility rule for this role and
signal, computed independently of the code). It returns an outcome, or a frozenset of
acceptable outcomes.

`args(world, key)` returns the URL kwargs for the signal with this key, or None to skip
that signal (e.g. no such object in that state). Rows with `per_signal=False` are requested
once per role (lists, dashboards, search, exports); their bodies are checked for titles of
signals the role may not see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .world import DESK, OWN_SUBMITTERS

ALLOW = "allow"
LOGIN = "login"
FORBIDDEN = "403"
NOT_FOUND = "404"
METHOD = "405"


@dataclass(frozen=True)
class Case:
    role: str
    key: str | None
    state: str | None
    sees: bool

    @property
    def anonymous(self) -> bool:
        return self.role == "anonymous"


@dataclass(frozen=True)
class Row:
    expect: Callable[[Case], str | frozenset]
    args: Callable | None = None  # (world, key) -> dict | None
    per_signal: bool = True
    query: dict | None = None  # GET parameters (e.g. a search term matching every title)
    # Lists, search and exports: a 200 body must show EVERY title the role may see (so the
    # check that it shows no other title is not vacuous).
    shows_visible: bool = False
    keys: tuple[str, ...] | None = None  # only these signals (for slow pages such as PDFs)


# Expectation helpers ---------------------------------------------------------------------


def public(c: Case) -> str:
    return ALLOW


def get_not_allowed(c: Case) -> str:
    return METHOD


def logged_in(c: Case) -> str:
    return LOGIN if c.anonymous else ALLOW


def signal_view(c: Case) -> str:
    """Anyone who sees the signal may open it; others get 404."""
    if c.anonymous:
        return LOGIN
    return ALLOW if c.sees else NOT_FOUND


def post_only(c: Case) -> str:
    """@login_required + @require_POST: GET answers 405 after login."""
    return LOGIN if c.anonymous else METHOD


def roles_only(roles: frozenset[str]) -> Callable[[Case], str]:
    """A page for some roles only (no object involved): others get 403."""

    def expect(c: Case) -> str:
        if c.anonymous:
            return LOGIN
        return ALLOW if c.role in roles else FORBIDDEN

    return expect


def signal_then_roles(roles: frozenset[str], when: Callable[[Case], bool] = lambda c: True):
    """An action on a signal: invisible -> 404; visible but not this role/state -> 403."""

    def expect(c: Case) -> str:
        if c.anonymous:
            return LOGIN
        if not c.sees:
            return NOT_FOUND
        return ALLOW if c.role in roles and when(c) else FORBIDDEN

    return expect


def roles_then_signal(roles: frozenset[str]):
    """A role-only page about a signal: the role is checked first (403 for every pk, so
    nothing about the signal is revealed), then visibility (404)."""

    def expect(c: Case) -> str:
        if c.anonymous:
            return LOGIN
        if c.role not in roles:
            return FORBIDDEN
        return ALLOW if c.sees else NOT_FOUND

    return expect


MANAGER = frozenset({"desk_manager"})
DESK_AND_SUBMITTERS = DESK | OWN_SUBMITTERS | {"other_submitter"}
FINAL = frozenset({"closed", "not_pursued", "withdrawn"})


def signal_view_not_officials(c: Case) -> str:
    """The desk's exploration (verkenning) is for the desk and the submitters; for officials
    the page does not exist."""
    if c.anonymous:
        return LOGIN
    return ALLOW if c.sees and c.role != "official" else NOT_FOUND


def logged_in_not_found(c: Case) -> str:
    """The object does not exist in the world: every logged-in user gets 404."""
    return LOGIN if c.anonymous else NOT_FOUND


def _desk_or_editing_submitter(c: Case) -> bool:
    return c.role in DESK or c.state in ("intake", "drafting")


def _editable(c: Case) -> bool:
    if c.state in FINAL:
        return False
    return c.role in DESK or c.state in ("intake", "drafting")


# URL kwargs ------------------------------------------------------------------------------


def signal_pk(world, key):
    return {"pk": world.signals[key].pk}


def document_pk(world, key):
    document = world.documents.get(key)
    return {"pk": document.pk} if document else None


def document_version(world, key):
    document = world.documents.get(key)
    return {"pk": document.pk, "number": 1} if document else None


def deadline_pk(world, key):
    deadline = world.signals[key].deadlines.order_by("pk").first()
    return {"pk": deadline.pk} if deadline else None


def addressee(world, key):
    first = world.signals[key].addressees.order_by("pk").first()
    return {"pk": world.signals[key].pk, "aid": first.pk} if first else None


def submitter(world, key):
    first = world.signals[key].submitters.order_by("pk").first()
    return {"pk": world.signals[key].pk, "sid": first.pk} if first else None


def contact(world, key):
    first = world.signals[key].contacts.order_by("pk").first()
    return {"pk": world.signals[key].pk, "cid": first.pk} if first else None


def letter_docx(world, key):
    return {"pk": world.signals[key].pk, "fmt": "docx"}


def meeting(world, key):
    found = world.meetings.get(key)
    return {"pk": world.signals[key].pk, "mid": found.pk} if found else None


def submitters_notification(world, key):
    from signaalloket.notifications.models import Notification

    found = Notification.objects.filter(recipient=world.users["submitter"]).first()
    return {"nid": found.pk} if found else None


def own_notification(c: Case) -> str:
    """A notification is only reachable for its recipient (the submitter): others 404."""
    if c.anonymous:
        return LOGIN
    return ALLOW if c.role == "submitter" else NOT_FOUND


def a_user(world, key):
    return {"pk": world.users["submitter"].pk}


def missing_pk(world, key):
    return {"pk": 987654321}


def draft_version(world, key):
    return {"pk": world.signals[key].pk, "number": 987654}


def draft_comment(world, key):
    return {"pk": world.signals[key].pk, "comment_pk": 987654321, "action": "resolve"}


def missing_nid(world, key):
    return {"nid": 987654321}


def this_year(world, key):
    return {"year": world.signals["intake"].year}


SEARCH = {"q": "Geheimtitel"}
# Generated PDF/DOCX take long: a signal before and one after the start of the fact check.
SLOW_KEYS = ("drafting", "fact_check")

# The table -------------------------------------------------------------------------------

ROWS: dict[str, Row] = {
    # core and accounts
    "healthz": Row(public, per_signal=False),
    "login": Row(public, per_signal=False),
    "logout": Row(get_not_allowed, per_signal=False),  # POST only, for everyone
    "accounts:mfa_setup": Row(logged_in, per_signal=False),
    "accounts:mfa_verify": Row(logged_in, per_signal=False),
    "accounts:mfa_backup_codes": Row(logged_in, per_signal=False),
    "accounts:password_change": Row(logged_in, per_signal=False),
    # access log (inzageregistratie): desk managers only
    "audit:access_log": Row(roles_only(MANAGER), per_signal=False),
    "audit:access_log_signal": Row(roles_then_signal(MANAGER), signal_pk),
    "audit:access_log_user": Row(roles_only(MANAGER), a_user, per_signal=False),
    # the signal pages
    "web:home": Row(logged_in, per_signal=False),
    "reports:dashboard_section": Row(
        roles_only(DESK), lambda world, key: {"key": "awaiting_desk"}, per_signal=False
    ),
    "web:signal_list": Row(logged_in, per_signal=False, shows_visible=True),
    "web:signal_detail": Row(signal_view, signal_pk),
    "reports:similar": Row(signal_view, signal_pk),
    "web:signal_transition": Row(post_only, signal_pk),
    "signals:new": Row(roles_only(DESK_AND_SUBMITTERS), per_signal=False),
    "signals:edit": Row(signal_then_roles(DESK | OWN_SUBMITTERS, _editable), signal_pk),
    # participants (betrokkenen): the page for whoever sees the signal, actions by POST
    "signals:participants": Row(signal_view, signal_pk),
    "signals:submitter_add": Row(post_only, signal_pk),
    "signals:submitter_remove": Row(post_only, submitter),
    "signals:submitter_make_lead": Row(post_only, submitter),
    "signals:strategic_rep": Row(post_only, submitter),
    "signals:contact_add": Row(post_only, submitter),
    "signals:contact_confirm": Row(post_only, contact),
    "signals:contact_remove": Row(post_only, contact),
    "signals:case_handler": Row(post_only, signal_pk),
    "signals:addressee_remove": Row(post_only, addressee),
    # documents
    "documents:signal_documents": Row(signal_view, signal_pk),
    "documents:document_detail": Row(signal_view, document_pk),
    "documents:version_add": Row(post_only, document_pk),
    "documents:retract": Row(post_only, document_pk),
    "documents:download": Row(signal_view, document_pk),
    "documents:download_version": Row(signal_view, document_version),
    # drafting (exploration, editor, versions, comments, exports, format)
    "drafting:intake": Row(signal_view_not_officials, signal_pk),
    "drafting:editor": Row(signal_view, signal_pk),
    "drafting:version_list": Row(signal_view, signal_pk),
    "drafting:version_detail": Row(logged_in_not_found, draft_version),  # no such version
    "drafting:version_compare": Row(logged_in_not_found, signal_pk),  # no versions given
    "drafting:comment_create": Row(post_only, signal_pk),
    "drafting:comment_state": Row(post_only, draft_comment),
    "drafting:pii_dismiss": Row(post_only, signal_pk),
    "drafting:export_pdf": Row(signal_view, signal_pk, keys=SLOW_KEYS),
    "drafting:export_docx": Row(signal_view, signal_pk, keys=SLOW_KEYS),
    "drafting:format_manage": Row(roles_only(MANAGER), per_signal=False),
    "drafting:name_list": Row(roles_only(DESK), per_signal=False),
    # procedure (addressees, approvals, offering, response, effect inquiry)
    "procedure:addressees": Row(signal_view, signal_pk),
    "procedure:addressee_edit": Row(
        signal_then_roles(DESK | OWN_SUBMITTERS, _desk_or_editing_submitter), addressee
    ),
    "procedure:contribution": Row(post_only, addressee),
    "procedure:approve": Row(
        signal_then_roles(frozenset({"strategic_rep"}), lambda c: c.state == "decision"), submitter
    ),
    "procedure:approve_offline": Row(signal_then_roles(DESK), submitter),
    "procedure:offer": Row(post_only, signal_pk),
    "procedure:offering_letter": Row(signal_then_roles(DESK), letter_docx, keys=SLOW_KEYS),
    "procedure:response": Row(signal_then_roles(DESK), signal_pk),
    "procedure:deliver": Row(post_only, signal_pk),
    "procedure:effect_answer": Row(signal_then_roles(DESK | OWN_SUBMITTERS), signal_pk),
    # fact-check meetings (only the signal in the fact-check stage has one)
    "meetings:schedule": Row(signal_then_roles(DESK), signal_pk),
    "meetings:change": Row(signal_then_roles(DESK), meeting),
    "meetings:cancel": Row(signal_then_roles(DESK), meeting),
    "meetings:outcome": Row(signal_then_roles(DESK), meeting),
    "meetings:ics": Row(signal_view, meeting),
    # notifications (a user's own inbox)
    "notifications:inbox": Row(logged_in, per_signal=False),
    "notifications:preferences": Row(logged_in, per_signal=False),
    "notifications:mark_all_read": Row(post_only, per_signal=False),
    "notifications:mark_read": Row(post_only, missing_nid, per_signal=False),
    "notifications:open": Row(own_notification, submitters_notification, per_signal=False),
    # deadlines
    "deadlines:extend": Row(signal_then_roles(DESK), deadline_pk),
    # reports, search, exports
    "reports:search": Row(logged_in, per_signal=False, query=SEARCH, shows_visible=True),
    "reports:statistics": Row(logged_in, per_signal=False),
    "reports:annual_index": Row(roles_only(DESK), per_signal=False),
    "reports:annual_report": Row(roles_only(DESK), this_year, per_signal=False),
    "reports:export_csv": Row(logged_in, per_signal=False, shows_visible=True),
    "reports:export_xlsx": Row(logged_in, per_signal=False, shows_visible=True),
    "lists:saved_filter_create": Row(post_only, per_signal=False),
    "lists:saved_filter_delete": Row(post_only, missing_pk, per_signal=False),
    "publications:publication_edit": Row(roles_then_signal(DESK), signal_pk),
    "publications:public_register": Row(public, per_signal=False),
    "imports:import_upload": Row(roles_only(MANAGER), per_signal=False),
    "imports:import_job": Row(
        lambda c: NOT_FOUND if c.role == "desk_manager" else roles_only(MANAGER)(c),
        missing_pk,
        per_signal=False,
    ),
    "imports:import_job_step": Row(post_only, missing_pk, per_signal=False),
}
