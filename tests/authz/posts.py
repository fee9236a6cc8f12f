"""THE POST HALF OF THE MATRIX: who may POST to which URL, for a signal in which state.

test_post.py POSTs to every URL of matrix.ROWS as every role (world.ROLES), for the signal of
every state where the URL is per signal, each POST in a savepoint that is rolled back. A URL
without an entry here must answer POST with 405 (LOGIN for anonymous): a new view that
accepts POST fails the test until it has an entry.

Outcomes of a POST (besides matrix.LOGIN, FORBIDDEN, NOT_FOUND, METHOD, which must write
nothing at all):
  WRITE  not refused (200, a redirect, 400, 409) and it sent an INSERT, UPDATE or DELETE that
         it did not roll back (sessions aside; an UPDATE that matches no row counts too)
  NOOP   not refused and nothing written (an invalid form, a step that does not apply in
         this state, a page that answers POST like GET)

`expect(c)` gets a matrix.Case. `data(world, key)` returns the form (called again for every
POST, so files are fresh); `setup(world, key)` runs inside the savepoint before the POST
(e.g. the approvals an offer needs) and is rolled back with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from .matrix import (
    DESK_AND_SUBMITTERS,
    FINAL,
    FORBIDDEN,
    LOGIN,
    MANAGER,
    NOT_FOUND,
    ROWS,
    Case,
    get_not_allowed,
    post_only,
    submitters_notification,
)
from .world import BACK_TO_DRAFTING, DESK, OWN_SUBMITTERS

WRITE = "write"
NOOP = "noop"
REFUSED = frozenset({FORBIDDEN, NOT_FOUND})  # sees the signal, may not act: 403 preferred
PRE_OFFER = frozenset({"intake", "drafting", "fact_check", "decision"})
SUBMITTER_EDIT = frozenset({"intake", "drafting"})
MEETING = ("fact_check",)  # the only signal of the world with a meeting


@dataclass(frozen=True)
class Post:
    expect: Callable[[Case], str | frozenset]
    data: Callable | None = None  # (world, key) -> dict
    args: Callable | None = None  # (world, key) -> URL kwargs, if not the row's
    setup: Callable | None = None  # (world, key) -> None, inside the savepoint
    label: str = ""  # tells apart two payloads for one URL
    keys: tuple[str, ...] | None = None  # only these signals (else the row's keys)


# Expectation helpers ---------------------------------------------------------------------


def on_signal(rule: Callable[[Case], str | frozenset]):
    """Login, then the signal (404 if the user may not see it), then `rule`."""

    def expect(c: Case):
        if c.anonymous:
            return LOGIN
        if not c.sees:
            return NOT_FOUND
        return rule(c)

    return expect


def roles_first(roles: frozenset[str], rule: Callable[[Case], str | frozenset]):
    """Login, then the role (403 for every pk), then the signal (404), then `rule`."""

    def expect(c: Case):
        if c.anonymous:
            return LOGIN
        if c.role not in roles:
            return FORBIDDEN
        if c.key is not None and not c.sees:
            return NOT_FOUND
        return rule(c)

    return expect


def logged_in_then(rule):
    return lambda c: LOGIN if c.anonymous else rule(c)


def desk_only(rule: Callable[[Case], str | frozenset] = lambda c: WRITE):
    """On a signal, for the desk; whoever else sees it is refused."""
    return on_signal(lambda c: rule(c) if c.role in DESK else REFUSED)


def like_get(get_expect, *, writes: bool = False):
    """The view answers POST as GET (no method check): where GET is allowed POST is NOOP
    (or WRITE: the page records an access)."""

    def expect(c: Case):
        got = get_expect(c)
        return (WRITE if writes else NOOP) if got == "allow" else got

    return expect


def editable(c: Case) -> bool:
    """signals:edit, the addressees and the intake: desk until final, own submitters early."""
    if c.state in FINAL:
        return False
    return c.role in DESK or (c.role in OWN_SUBMITTERS and c.state in SUBMITTER_EDIT)


def draft_editable(c: Case) -> bool:
    """Issue 17: in DECISION the own submitters may still change the text (approvals lapse)."""
    if c.state == "decision" and c.role in OWN_SUBMITTERS:
        return True
    return editable(c) and c.state in PRE_OFFER


def approve_data(world, key):
    """What the approve page shows: the current version and hashes, confirmed."""
    from signaalloket.procedure.approvals_services import approval_basis

    basis = approval_basis(world.signals[key])
    if basis is None:
        return {"confirm": "on"}
    return {
        "version": basis.number,
        "content_hash": basis.content_hash,
        "annexes_hash": basis.annexes_hash,
        "confirm": "on",
    }


# The transition the desk takes from each state in the world, with what it needs first.
NEXT = {
    "intake": "not_pursued",
    "drafting": "fact_check",
    BACK_TO_DRAFTING: "fact_check",
    "fact_check": "decision",
    "decision": "drafting",
    "offered": "response_received",
    "response_received": "response_delivered",
    "response_delivered": "effect_inquiry",
    "effect_inquiry": "closed",
}


def forward(c: Case):
    if c.key not in NEXT:
        return NOOP  # a final state: no edge, refused as a step (409), nothing written
    return WRITE if c.role in DESK else REFUSED


def withdraw(c: Case):
    if c.state not in PRE_OFFER:
        return NOOP  # no such edge
    return WRITE if c.role in DESK | OWN_SUBMITTERS else REFUSED


# Payloads --------------------------------------------------------------------------------


def _fresh(world, key):
    from signaalloket.signals.models import Signal

    return Signal.objects.get(pk=world.signals[key].pk)


def _pdf(name="matrix.pdf"):
    from tests.builders_hooks import small_pdf_bytes

    return SimpleUploadedFile(name, small_pdf_bytes(), content_type="application/pdf")


def transition_data(world, key):
    signal = _fresh(world, key)
    return {"to": NEXT.get(key, "drafting"), "reason": "Matrix", "expected_state": signal.state}


def withdraw_data(world, key):
    return {"to": "withdrawn", "reason": "Matrix", "expected_state": _fresh(world, key).state}


def prepare_next(world, key):
    """What the world's signal lacks for the desk's next step (the guards pass)."""
    from tests.builders import _record_effect, _register_response
    from tests.builders_hooks import write_draft

    desk = world.users["desk_staff"]
    signal = _fresh(world, key)
    if key == "drafting":
        write_draft(signal, desk)  # complete, without personal data
    elif key == "fact_check":
        _meeting_confirmed(world, key)
    elif key == "decision":
        _approve_all(world, signal)
    elif key == "offered":
        _register_response(signal, desk)
    elif key == "effect_inquiry":
        _record_effect(signal, desk)


def _meeting_confirmed(world, key):
    """The guard of FACT_CHECK -> DECISION wants a held meeting that confirmed the facts.
    Recording that outcome through the service would itself take the step, so the world's
    meeting is marked held here; the POST under test then takes the step by hand."""
    from signaalloket.meetings.models import FactCheckMeeting

    FactCheckMeeting.objects.filter(pk=world.meetings[key].pk).update(
        status="held", outcome="confirmed", minutes="Verslag"
    )


def _approve_all(world, signal):
    """The world's signals have one submitter, the lead, whose strategic_rep approves."""
    from signaalloket.signals.services.participants import submitter_approve

    for submitter in signal.submitters.all():
        submitter_approve(submitter=submitter, actor=world.users["strategic_rep"])


def prepare_offer(world, key):
    if key == "decision":
        _approve_all(world, _fresh(world, key))


def edit_data(world, key):
    signal = _fresh(world, key)
    return {
        "title": signal.title,
        "summary": "Gewijzigd door de matrix.",
        "confidentiality": signal.confidentiality,
        "version": signal.version,
    }


def expected_state(world, key):
    return {"expected_state": _fresh(world, key).state}


def upload_data(world, key):
    return {"file": _pdf(), "kind": "other", "title": "Matrix", "confidentiality": "internal"}


def _document(world, key):
    from signaalloket.documents.models import Document

    return Document.objects.get(pk=world.documents[key].pk)


def version_data(world, key):
    return {"file": _pdf(), "expected_version": _document(world, key).version}


def retract_data(world, key):
    return {"reason": "Matrix", "expected_version": _document(world, key).version}


def _format_keys(world, key):
    from signaalloket.drafting.selectors import format_for_signal

    fmt = format_for_signal(world.signals[key])
    return [s.key for s in fmt.sections.all()] if fmt else []


def editor_data(world, key):
    from signaalloket.drafting.models import DraftVersion

    last = DraftVersion.objects.filter(signal=world.signals[key]).order_by("-number").first()
    data = {f"section-{k}": "Tekst van de matrix." for k in _format_keys(world, key)}
    data["expected_number"] = last.number if last else 0
    return data


def own_comment(world, key):
    comment = world.comments[key]
    return {"pk": world.signals[key].pk, "comment_pk": comment.pk, "action": "afhandelen"}


def comment_state_data(world, key):
    from signaalloket.drafting.models import Comment

    return {"expected_version": Comment.objects.get(pk=world.comments[key].pk).version}


def comment_data(world, key):
    keys = _format_keys(world, key)
    return {"section_key": keys[0] if keys else "x", "body": "Matrix", "visibility": "shared"}


def submitter_add_data(world, key):
    from signaalloket.organisations.models import Organisation

    spare = (
        Organisation.objects.filter(kind__in=("partner", "riec"))
        .exclude(submissions__signal=world.signals[key])
        .order_by("pk")
        .first()
    )
    return {"organisation": spare.pk, "reason": "Matrix"}


def _lead_submitter(world, key):
    return _fresh(world, key).submitters.order_by("pk").first()


def strategic_rep_data(world, key):
    found = _lead_submitter(world, key)
    return {
        "user": world.users["strategic_rep"].pk,
        "expected_version": found.version,
        "reason": "Matrix",
    }


def contact_add_data(world, key):
    return {"user": world.users["strategic_rep"].pk, "reason": "Matrix"}


def case_handler_data(world, key):
    return {
        "user": world.users["desk_manager"].pk,
        "expected_version": _fresh(world, key).version,
        "reason": "Matrix",
    }


def reason_data(world, key):
    return {"reason": "Matrix"}


def participants_open(c: Case) -> bool:
    return c.role in DESK and c.state not in FINAL


def addressee_add_data(world, key):
    return {"office": world.spare_office.pk, "is_coordinating": ""}


def _addressee(world, key):
    return _fresh(world, key).addressees.order_by("pk").first()


def addressee_edit_data(world, key):
    found = _addressee(world, key)
    return {"is_coordinating": "on", "expected_version": found.version if found else 0}


def contribution_data(world, key):
    found = _addressee(world, key)
    return {"status": "working", "expected_version": found.version if found else 0}


def offline_data(world, key):
    return {"letter": _pdf("instemming.pdf"), "note": "Per post"}


def response_data(world, key):
    today = dt.date.today().isoformat()
    return {"file": _pdf("reactie.pdf"), "response_date": today, "title": "Reactie"}


def effect_data(world, key):
    return {"outcome": "policy_changed", "explanation": "Matrix"}


def _starts():
    return dt.date.today() + dt.timedelta(days=21)


def meeting_data(world, key):
    found = world.meetings.get(key)
    return {
        "date": _starts().isoformat(),
        "start_time": "10:00",
        "end_time": "11:00",
        "location": "Utrecht",
        "expected_version": found.version if found else "",
    }


def cancel_data(world, key):
    return {"reason": "Matrix", "expected_version": world.meetings[key].version}


def outcome_data(world, key):
    return {
        "outcome": "confirmed",
        "findings": "Feiten kloppen.",
        "minutes": "Verslag",
        "expected_version": world.meetings[key].version,
    }


def open_deadline(world, key):
    """The signal's open deadline (else its first one, which may no longer be extended)."""
    deadlines = _fresh(world, key).deadlines.order_by("pk")
    return deadlines.filter(status="open").first() or deadlines.first()


def open_deadline_pk(world, key):
    deadline = open_deadline(world, key)
    return {"pk": deadline.pk} if deadline else None


def extend_data(world, key):
    deadline = open_deadline(world, key)
    return {
        "new_due_date": "2099-01-01",
        "reason": "Matrix",
        "version": deadline.version if deadline else 0,
    }


def publication_data(world, key):
    """Published on the strength of a recorded consent statement."""
    return {"public_summary": "Openbaar", "consent_statement": "Akkoord", "published": "on"}


def new_signal_data(world, key):
    return {"title": "Nieuw matrixsignaal", "summary": "x", "lead_organisation": world.lead.pk}


def has_open_deadline(c: Case) -> bool:
    """Response, effect and effect-answer deadlines; none between response and delivery."""
    return c.state in ("offered", "response_delivered", "effect_inquiry")


# The table: URL name -> the POSTs it takes (any other URL of ROWS must answer 405) ---------

POSTS: dict[str, tuple[Post, ...]] = {
    "healthz": (Post(get_not_allowed),),
    "publications:public_register": (Post(get_not_allowed),),
    "login": (Post(lambda c: NOOP),),  # an empty login form: 200, nothing written
    "logout": (Post(lambda c: LOGIN if c.anonymous else WRITE),),  # records the logout
    "accounts:mfa_setup": (Post(logged_in_then(lambda c: WRITE)),),  # makes a device
    "accounts:mfa_verify": (Post(logged_in_then(lambda c: NOOP)),),
    "accounts:password_change": (Post(logged_in_then(lambda c: NOOP)),),
    # the signal
    "web:signal_transition": (
        Post(on_signal(forward), transition_data, setup=prepare_next, label="next step"),
        Post(on_signal(withdraw), withdraw_data, label="withdraw"),
    ),
    "signals:new": (
        Post(
            logged_in_then(
                lambda c: (
                    (WRITE if c.role in DESK | OWN_SUBMITTERS else NOOP)
                    if c.role in DESK_AND_SUBMITTERS
                    else FORBIDDEN
                )
            ),
            new_signal_data,
        ),
    ),
    "signals:edit": (Post(on_signal(lambda c: WRITE if editable(c) else REFUSED), edit_data),),
    # participants: the desk until final (a reason is sent: required after offering)
    "signals:submitter_add": (
        Post(on_signal(lambda c: WRITE if editable(c) else REFUSED), submitter_add_data),
    ),
    # the row's submitter is the lead: removing it or making it lead again is refused in place
    "signals:submitter_remove": (
        Post(on_signal(lambda c: NOOP if participants_open(c) else REFUSED), reason_data),
    ),
    "signals:submitter_make_lead": (
        Post(on_signal(lambda c: NOOP if participants_open(c) else REFUSED), reason_data),
    ),
    "signals:strategic_rep": (
        Post(on_signal(lambda c: WRITE if participants_open(c) else REFUSED), strategic_rep_data),
    ),
    "signals:contact_add": (
        Post(on_signal(lambda c: WRITE if participants_open(c) else REFUSED), contact_add_data),
    ),
    # the world's contact is confirmed already: confirming again is refused in place
    "signals:contact_confirm": (
        Post(on_signal(lambda c: NOOP if participants_open(c) else REFUSED), reason_data),
    ),
    "signals:contact_remove": (
        Post(on_signal(lambda c: WRITE if participants_open(c) else REFUSED), reason_data),
    ),
    "signals:case_handler": (
        Post(on_signal(lambda c: WRITE if participants_open(c) else REFUSED), case_handler_data),
    ),
    "signals:addressee_remove": (
        Post(
            on_signal(lambda c: WRITE if c.role in DESK and c.state in PRE_OFFER else REFUSED),
            reason_data,
        ),
    ),
    # documents (the world's attachment was uploaded by desk_staff)
    "documents:signal_documents": (
        Post(
            on_signal(
                lambda c: (
                    WRITE
                    if c.role in DESK
                    or (c.state not in FINAL and c.role in {"official"} | OWN_SUBMITTERS)
                    else REFUSED
                )
            ),
            upload_data,
        ),
    ),
    "documents:version_add": (Post(desk_only(), version_data),),
    "documents:retract": (Post(desk_only(), retract_data),),
    # drafting
    "drafting:intake": (
        Post(
            on_signal(
                lambda c: (
                    NOT_FOUND
                    if c.role == "official"
                    else (NOOP if draft_editable(c) else REFUSED)  # nothing filled in
                )
            )
        ),
    ),
    "drafting:editor": (
        Post(on_signal(lambda c: WRITE if draft_editable(c) else REFUSED), editor_data),
    ),
    "drafting:comment_create": (
        Post(on_signal(lambda c: REFUSED if c.state in FINAL else WRITE), comment_data),
    ),
    "drafting:comment_state": (
        Post(logged_in_then(lambda c: NOT_FOUND)),  # the row's comment does not exist
        Post(
            on_signal(lambda c: WRITE if c.role in DESK | {"submitter"} else REFUSED),
            comment_state_data,
            args=own_comment,
            label="the submitter's comment",
            keys=("fact_check",),
        ),
    ),
    "drafting:pii_dismiss": (Post(desk_only(lambda c: NOOP)),),  # empty form: back with a message
    "drafting:format_manage": (Post(roles_first(MANAGER, lambda c: NOOP)),),
    "drafting:name_list": (
        Post(roles_first(DESK, lambda c: WRITE), lambda w, k: {"name": "Jan Matrix"}),
    ),
    # procedure
    "procedure:addressees": (
        Post(
            on_signal(lambda c: WRITE if editable(c) and c.state in PRE_OFFER else REFUSED),
            addressee_add_data,
        ),
    ),
    "procedure:addressee_edit": (
        Post(
            on_signal(
                lambda c: (
                    (NOOP if c.state in FINAL else WRITE)
                    if c.role in DESK or editable(c)
                    else REFUSED
                )
            ),
            addressee_edit_data,
        ),
    ),
    "procedure:contribution": (
        Post(
            on_signal(
                lambda c: (
                    (WRITE if c.role in DESK | {"official"} else REFUSED)
                    if c.state == "offered"
                    else NOOP
                )
            ),
            contribution_data,
        ),
    ),
    "procedure:approve": (
        # issue 17: a page (GET shows what is approved); only the representative, in DECISION
        Post(
            on_signal(
                lambda c: WRITE if c.role == "strategic_rep" and c.state == "decision" else REFUSED
            ),
            approve_data,
        ),
    ),
    "procedure:approve_offline": (
        Post(desk_only(lambda c: WRITE if c.state == "decision" else NOOP), offline_data),
    ),
    "procedure:offer": (
        Post(
            desk_only(lambda c: WRITE if c.state == "decision" else NOOP),
            expected_state,
            setup=prepare_offer,
        ),
    ),
    "procedure:response": (
        Post(desk_only(lambda c: WRITE if c.state == "offered" else NOOP), response_data),
    ),
    "procedure:deliver": (
        Post(
            on_signal(
                lambda c: (
                    (WRITE if c.role in DESK else REFUSED)
                    if c.state == "response_received"
                    else NOOP
                )
            ),
            expected_state,
        ),
    ),
    "procedure:effect_answer": (
        Post(
            on_signal(
                lambda c: (
                    (WRITE if c.state == "effect_inquiry" else NOOP)
                    if c.role in DESK | OWN_SUBMITTERS
                    else REFUSED
                )
            ),
            effect_data,
        ),
    ),
    # fact-check meetings (only the fact-check signal has one)
    # the fact-check signal has its meeting already; other states take none: 400 everywhere
    "meetings:schedule": (Post(desk_only(lambda c: NOOP), meeting_data),),
    "meetings:change": (Post(desk_only(), meeting_data, keys=MEETING),),
    "meetings:cancel": (Post(desk_only(), cancel_data, keys=MEETING),),
    "meetings:outcome": (Post(desk_only(), outcome_data, keys=MEETING),),
    # notifications: a user's own
    "notifications:open": (Post(like_get(ROWS["notifications:open"].expect, writes=True)),),
    # an UPDATE of one's own unread messages (it matches none but the submitter's)
    "notifications:mark_all_read": (Post(logged_in_then(lambda c: WRITE)),),
    "notifications:mark_read": (
        Post(logged_in_then(lambda c: NOT_FOUND)),  # the row's message does not exist
        Post(
            logged_in_then(lambda c: WRITE if c.role == "submitter" else NOT_FOUND),
            args=submitters_notification,
            label="the submitter's message",
        ),
    ),
    "notifications:preferences": (
        Post(logged_in_then(lambda c: WRITE), lambda w, k: {"email_mode": "digest"}),
    ),
    # deadlines
    "deadlines:extend": (
        Post(
            desk_only(lambda c: WRITE if has_open_deadline(c) else NOOP),
            extend_data,
            args=open_deadline_pk,
        ),
    ),
    # reports
    "lists:saved_filter_create": (
        Post(logged_in_then(lambda c: WRITE), lambda w, k: {"name": "Matrix", "query": "q=x"}),
    ),
    "lists:saved_filter_delete": (
        Post(logged_in_then(lambda c: NOT_FOUND)),  # the row's filter does not exist
        Post(
            logged_in_then(lambda c: WRITE if c.role == "submitter" else NOT_FOUND),
            args=lambda world, key: {"pk": world.saved_filter.pk},
            label="the submitter's filter",
        ),
    ),
    "publications:publication_edit": (Post(roles_first(DESK, lambda c: WRITE), publication_data),),
    "imports:import_upload": (Post(roles_first(MANAGER, lambda c: NOOP)),),
    "imports:import_job_step": (
        Post(roles_first(MANAGER, lambda c: NOT_FOUND)),  # no such job
    ),
}

GET_ONLY = (Post(post_only),)  # login_required + require_GET: 405 after login


def posts_for(name: str) -> tuple[Post, ...]:
    return POSTS.get(name, GET_ONLY)
