"""Who may add, version and retract documents (pure predicates)."""

import rules

from signaalloket.accounts.roles import DESK_ROLES, SUBMITTER_ROLES, Role
from signaalloket.signals.permissions import roles_on_signal
from signaalloket.signals.states import FINAL_STATES

from .models import DocumentKind

SUBMITTER_KINDS = (DocumentKind.ATTACHMENT, DocumentKind.APPROVAL_LETTER, DocumentKind.OTHER)
OFFICIAL_KINDS = (DocumentKind.RESPONSE, DocumentKind.OTHER)


def upload_kinds(user, signal) -> list[str]:
    """The document kinds this user may add to this signal (empty: may_upload_document is
    false). document_upload refuses a kind outside this list."""
    roles = roles_on_signal(user, signal)
    if roles & DESK_ROLES:
        return list(DocumentKind.values)
    kinds: list[str] = []
    if roles & SUBMITTER_ROLES and signal.state not in FINAL_STATES:
        kinds.extend(SUBMITTER_KINDS)
    if Role.OFFICIAL in roles and signal.state not in FINAL_STATES:
        kinds.extend(k for k in OFFICIAL_KINDS if k not in kinds)
    return kinds


@rules.predicate
def may_upload_document(user, signal) -> bool:
    return bool(upload_kinds(user, signal))


@rules.predicate
def may_change_document(user, document) -> bool:
    """New version or retraction: the desk, or the uploader while they may still add that kind.

    A retracted document takes neither (the service answers with a conflict)."""
    roles = roles_on_signal(user, document.signal)
    if roles & DESK_ROLES:
        return True
    return document.created_by_id == user.pk and document.kind in upload_kinds(
        user, document.signal
    )
