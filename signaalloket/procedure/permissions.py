"""Who may take the steps of the procedure after the draft (pure predicates).

The state a step needs is the workflow's business (the service refuses with a message);
these say who may take it. Approving in the application and recording an approval given
on paper are the signal's own (signals/permissions.py).
"""

from signaalloket.accounts.context import access_for
from signaalloket.accounts.roles import DESK_ROLES, SUBMITTER_ROLES
from signaalloket.signals.permissions import roles_on_signal


def may_offer_signal(user, signal) -> bool:
    return access_for(user).is_desk


def may_make_offering_letter(user, signal) -> bool:
    return access_for(user).is_desk


def may_register_response(user, signal) -> bool:
    return access_for(user).is_desk


def may_deliver_response(user, signal) -> bool:
    return access_for(user).is_desk


def may_answer_effect(user, signal) -> bool:
    """The submitters, or the desk on their behalf."""
    return bool(roles_on_signal(user, signal) & (DESK_ROLES | SUBMITTER_ROLES))


def effect_organisations_for(user, signal) -> list:
    """The submitting organisations `user` may answer the effect inquiry for: the desk any of
    them (on their behalf), a submitter only their own (from the prefetched submitters)."""
    if not may_answer_effect(user, signal):
        return []
    organisations = [s.organisation for s in signal.submitters.all()]
    access = access_for(user)
    if access.is_desk:
        return organisations
    return [o for o in organisations if o.pk in access.submitter_org_ids]
