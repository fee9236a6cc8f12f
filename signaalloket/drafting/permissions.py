"""Who may do what with a draft (pure predicates)."""

import rules

from signaalloket.accounts.context import access_for
from signaalloket.accounts.roles import DESK_ROLES, SUBMITTER_ROLES, Role
from signaalloket.signals.permissions import can_view_signal, may_edit_signal, roles_on_signal
from signaalloket.signals.states import FINAL_STATES, State

DRAFT_STATES = frozenset({State.INTAKE, State.DRAFTING, State.FACT_CHECK, State.DECISION})


@rules.predicate
def can_edit_draft(user, signal) -> bool:
    if signal.state not in DRAFT_STATES:
        return False
    return bool(may_edit_signal(user, signal))


@rules.predicate
def can_view_draft(user, signal) -> bool:
    return bool(can_view_signal(user, signal))


@rules.predicate
def can_comment(user, signal) -> bool:
    if signal.state in FINAL_STATES:
        return False
    roles = roles_on_signal(user, signal)
    return bool(roles & (DESK_ROLES | SUBMITTER_ROLES | {Role.OFFICIAL}))


@rules.predicate
def can_comment_internal(user, signal) -> bool:
    return access_for(user).is_desk


@rules.predicate
def can_resolve_comment(user, comment) -> bool:
    return access_for(user).is_desk or comment.author_id == user.pk


@rules.predicate
def can_handle_pii(user) -> bool:
    return access_for(user).is_desk


@rules.predicate
def can_manage_format(user) -> bool:
    return access_for(user).is_desk_manager


rules.add_perm("drafting.change_draft", can_edit_draft)
rules.add_perm("drafting.view_draft", can_view_draft)
rules.add_perm("drafting.add_comment", can_comment)
rules.add_perm("drafting.manage_format", can_manage_format)
rules.add_perm("drafting.handle_pii", can_handle_pii)
