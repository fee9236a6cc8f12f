"""Who may do what with a draft (pure predicates, one per writing action)."""

import rules

from signaalloket.accounts.context import access_for
from signaalloket.accounts.roles import DESK_ROLES, SUBMITTER_ROLES, Role
from signaalloket.signals.permissions import is_submitter_of, may_edit_signal, roles_on_signal
from signaalloket.signals.states import FINAL_STATES, State

DRAFT_STATES = frozenset({State.INTAKE, State.DRAFTING, State.FACT_CHECK, State.DECISION})


@rules.predicate
def may_edit_draft(user, signal) -> bool:
    """In DECISION the desk and the submitters may still change the text (issue 17): the
    approvals given so far then lapse (procedure/approvals_services.py)."""
    if signal.state not in DRAFT_STATES:
        return False
    if signal.state == State.DECISION:
        return access_for(user).is_desk or is_submitter_of(user, signal)
    return bool(may_edit_signal(user, signal))


def may_edit_intake(user, signal) -> bool:
    """The intake (criteria) is edited by whoever may edit the draft."""
    return bool(may_edit_draft(user, signal))


def may_give_advice(user, signal) -> bool:
    """The advice on the intake is the desk's."""
    return access_for(user).is_desk


def can_view_intake(user, signal) -> bool:
    """The intake is not shown to officials (who only see the signal from the fact-check)."""
    roles = roles_on_signal(user, signal)
    return bool(roles) and roles != {Role.OFFICIAL}


@rules.predicate
def may_add_comment(user, signal) -> bool:
    if signal.state in FINAL_STATES:
        return False
    roles = roles_on_signal(user, signal)
    return bool(roles & (DESK_ROLES | SUBMITTER_ROLES | {Role.OFFICIAL}))


def may_add_internal_comment(user, signal) -> bool:
    return access_for(user).is_desk


def may_resolve_comment(user, comment) -> bool:
    """Resolve or reopen a discussion: the desk, or whoever started it."""
    return access_for(user).is_desk or comment.author_id == user.pk


def can_see_pii_findings(user) -> bool:
    """The personal-data findings are shown to the desk (and to whoever may edit the text)."""
    return access_for(user).is_desk


def may_dismiss_pii_finding(user, signal) -> bool:
    return access_for(user).is_desk


@rules.predicate
def may_edit_name_list(user) -> bool:
    return access_for(user).is_desk


@rules.predicate
def may_edit_format(user) -> bool:
    return access_for(user).is_desk_manager


rules.add_perm("drafting.manage_format", may_edit_format)
rules.add_perm("drafting.handle_pii", may_edit_name_list)


def may_purge_draft_passage(user, signal) -> bool:
    """Only the desk removes a flagged passage from earlier draft versions."""
    return access_for(user).is_desk
