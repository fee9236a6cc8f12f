"""Pure predicates about what a user may do with a signal and its participants.

One predicate per writing action, `may_<verb>_<object>(user, obj)`: the view (403), the
template (the button is shown only when it is true) and the service (which checks again)
call the same function. Other apps keep theirs in their own permissions.py.
Templates get the answers one way: as `may_*` booleans in the page's or panel's context,
computed from these functions (the navigation reads the rules permissions registered at the
bottom, which are the same functions). Where a step also needs a state, the context ANDs
the state with the predicate; the service refuses the wrong state with its own message.
"""

import rules

from signaalloket.accounts.context import access_for
from signaalloket.accounts.roles import DESK_ROLES, SUBMITTER_ROLES, Role

from .states import FINAL_STATES, PRE_OFFER


def roles_on_signal(user, signal) -> frozenset[str]:
    """The roles a user holds with respect to this signal (desk roles hold for every signal)."""
    access = access_for(user)
    roles: set[str] = set(access.roles & DESK_ROLES)
    submitting = {s.organisation_id for s in signal.submitters.all()}
    for role in SUBMITTER_ROLES:
        if access.orgs(role) & submitting:
            roles.add(role)
    if access.ministry_ids and signal.fact_check_started_at is not None:
        ministries = {a.office.ministry_id for a in signal.addressees.all()}
        if access.ministry_ids & ministries:
            roles.add(Role.OFFICIAL)
    return frozenset(roles)


@rules.predicate
def is_desk(user) -> bool:
    return access_for(user).is_desk


@rules.predicate
def can_view_signal(user, signal) -> bool:
    return bool(roles_on_signal(user, signal))


@rules.predicate
def is_submitter_of(user, signal) -> bool:
    return bool(roles_on_signal(user, signal) & SUBMITTER_ROLES)


@rules.predicate
def may_edit_signal(user, signal) -> bool:
    from .states import FINAL_STATES, State

    if signal.state in FINAL_STATES:
        return False
    if access_for(user).is_desk:
        return True
    return is_submitter_of(user, signal) and signal.state in (State.INTAKE, State.DRAFTING)


@rules.predicate
def may_create_signal(user) -> bool:
    access = access_for(user)
    return access.is_desk or access.is_submitter


def may_transition_signal(user, signal, transition) -> bool:
    """May this user take this edge of the workflow table (its guards aside)?"""
    return transition_open_to(roles_on_signal(user, signal), transition)


def transition_open_to(roles, transition) -> bool:
    """The same rule for roles already derived (the signal page derives them once)."""
    return bool(roles & transition.roles)


def may_edit_addressees(user, signal) -> bool:
    """Add an addressee or change one (coordinating, contact official)."""
    return access_for(user).is_desk or may_edit_signal(user, signal)


def may_choose_contact_official(user) -> bool:
    """The list of officials (names, e-mail addresses) is for the desk only."""
    return access_for(user).is_desk


def may_set_contribution(user, addressee) -> bool:
    """The desk, or an official of the addressed ministry."""
    roles = roles_on_signal(user, addressee.signal)
    access = access_for(user)
    own_ministry = addressee.office.ministry_id in access.ministry_ids
    return access.is_desk or (Role.OFFICIAL in roles and own_ministry)


def may_approve_submitter(user, submitter) -> bool:
    """Approve in the application: the submitting organisation's strategic representative.

    When the desk named one (Submitter.strategic_rep), only that person, while they still
    hold the role in that organisation; otherwise any strategic representative of it.
    """
    if submitter.organisation_id not in access_for(user).strategic_rep_org_ids:
        return False
    if submitter.strategic_rep_id is not None:
        return submitter.strategic_rep_id == getattr(user, "pk", None)
    return True


# Participants (betrokkenen): submitting organisations, contact persons, strategic
# representatives, the case handler and the addressees. The desk changes them until the
# signal is final (after offering with a reason, which the service demands); a submitting
# organisation's lead contact proposes contact persons of its own organisation.


def participants_open(signal) -> bool:
    return signal.state not in FINAL_STATES


def may_edit_participants(user, signal) -> bool:
    """The desk, until the signal is final."""
    return access_for(user).is_desk and participants_open(signal)


def may_add_submitter(user, signal) -> bool:
    """The desk; the signal's own submitters while they may edit it (intake, drafting)."""
    return may_edit_participants(user, signal) or may_edit_signal(user, signal)


def may_remove_submitter(user, submitter) -> bool:
    """The lead cannot be removed: make another organisation lead first."""
    return may_edit_participants(user, submitter.signal) and not submitter.is_lead


def may_make_lead_submitter(user, submitter) -> bool:
    return may_edit_participants(user, submitter.signal) and not submitter.is_lead


def may_set_strategic_rep(user, submitter) -> bool:
    return may_edit_participants(user, submitter.signal)


def may_set_case_handler(user, signal) -> bool:
    return may_edit_participants(user, signal)


def may_add_contact(user, submitter) -> bool:
    """Add (and so confirm) a contact person directly: the desk."""
    return may_edit_participants(user, submitter.signal)


def is_lead_contact_of(user, submitter) -> bool:
    """The organisation's lead contact for this signal, still a submitter of it."""
    return (
        submitter.contact_person_id is not None
        and submitter.contact_person_id == getattr(user, "pk", None)
        and submitter.organisation_id in access_for(user).submitter_org_ids
    )


def may_propose_contact(user, submitter) -> bool:
    """Propose a contact person of one's own organisation: its lead contact."""
    return participants_open(submitter.signal) and is_lead_contact_of(user, submitter)


def may_confirm_contact(user, signal) -> bool:
    return may_edit_participants(user, signal)


def may_remove_contact(user, signal) -> bool:
    return may_edit_participants(user, signal)


def may_remove_addressee(user, signal) -> bool:
    """Remove an addressee added by mistake: the desk, before the signal is offered."""
    return access_for(user).is_desk and signal.state in PRE_OFFER


def may_record_offline_approval(user, submitter) -> bool:
    """Register an approval given outside the application (letter): the desk."""
    return access_for(user).is_desk


def can_view_internal_note(user, note_org_id: int | None, signal) -> bool:
    """May this user read a note written inside one organisation about this signal?

    The desk reads every note on every signal. Others read only notes of an organisation
    they belong to, on a signal they may see: co-submitting organisations share the signal,
    not each other's internal notes; officials never read the desk's or submitters' notes.
    """
    access = access_for(user)
    if access.is_desk:
        return True
    if note_org_id is None or not can_view_signal(user, signal):
        return False
    return note_org_id in access.orgs(*SUBMITTER_ROLES, Role.OFFICIAL)


@rules.predicate
def can_view_access_log(user) -> bool:
    """Inzageregistratie: desk managers only."""
    return access_for(user).is_desk_manager


@rules.predicate
def can_edit_reference_data(user) -> bool:
    """Reference data in the application (ministries, bewindspersonen, imports): desk managers.

    Administrators keep users, organisations and offices in the administration site
    (accounts/admin_mixins.py), which does not use this permission.
    """
    return access_for(user).is_desk_manager


rules.add_perm("signals.add_signal", may_create_signal)
rules.add_perm("signals.manage_procedure", is_desk)
rules.add_perm("signals.view_access_log", can_view_access_log)
rules.add_perm("signals.edit_reference_data", can_edit_reference_data)
