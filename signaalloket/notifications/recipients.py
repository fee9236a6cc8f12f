"""Who is told about what. Pure lookups; every function returns a list of active users."""

from django.contrib.auth import get_user_model

from signaalloket.accounts.roles import Role


def _users():
    return get_user_model().objects.filter(is_active=True)


def _members(*, roles, organisation_ids=None, ministry_ids=None):
    users = _users().filter(memberships__is_active=True, memberships__role__in=list(roles))
    if organisation_ids is not None:
        users = users.filter(memberships__organisation_id__in=list(organisation_ids))
    if ministry_ids is not None:
        users = users.filter(memberships__organisation__ministry_id__in=list(ministry_ids))
    return list(users.distinct())


def desk_recipients(signal) -> list:
    """The signal's case handler; without one, every desk staff member."""
    handler = signal.case_handler
    if handler is not None and handler.is_active:
        return [handler]
    return _members(roles=[Role.DESK_STAFF])


def submitter_recipients(signal) -> list:
    """Contact persons of the submitting organisations (all their submitters when none is named)."""
    result, orgs_without_contact = [], []
    for submitter in signal.submitters.select_related("contact_person"):
        person = submitter.contact_person
        if person is not None and person.is_active:
            result.append(person)
        else:
            orgs_without_contact.append(submitter.organisation_id)
    if orgs_without_contact:
        result += _members(
            roles=[Role.SUBMITTER, Role.STRATEGIC_REP], organisation_ids=orgs_without_contact
        )
    return result


def organisation_submitters(organisation_id) -> list:
    """Every submitter and strategic representative of one organisation."""
    return _members(roles=[Role.SUBMITTER, Role.STRATEGIC_REP], organisation_ids=[organisation_id])


def strategic_rep_recipients(signal, *, pending_only: bool = True) -> list:
    submitters = signal.submitters.all()
    if pending_only:
        submitters = submitters.filter(approved_at__isnull=True)
    org_ids = [s.organisation_id for s in submitters]
    if not org_ids:
        return []
    return _members(roles=[Role.STRATEGIC_REP], organisation_ids=org_ids)


def ministry_officials(ministry_ids) -> list:
    ministry_ids = list(ministry_ids)
    if not ministry_ids:
        return []
    return _members(roles=[Role.OFFICIAL], ministry_ids=ministry_ids)


def official_recipients(signal, *, exclude_contributed: bool = False) -> list:
    """Contact officials of the addressees (all officials of that ministry when none is named)."""
    result, ministries_without_contact = [], []
    addressees = signal.addressees.select_related("office", "contact_official")
    for addressee in addressees:
        if exclude_contributed and addressee.contribution_status == "contributed":
            continue
        person = addressee.contact_official
        if person is not None and person.is_active:
            result.append(person)
        else:
            ministries_without_contact.append(addressee.office.ministry_id)
    return result + ministry_officials(ministries_without_contact)


def all_officials_of_addressed_ministries(signal) -> list:
    ministry_ids = {a.office.ministry_id for a in signal.addressees.select_related("office")}
    contacts = [
        a.contact_official
        for a in signal.addressees.select_related("contact_official")
        if a.contact_official is not None and a.contact_official.is_active
    ]
    return contacts + ministry_officials(ministry_ids)


def unique(users) -> list:
    seen, result = set(), []
    for user in users:
        if user is not None and user.pk not in seen:
            seen.add(user.pk)
            result.append(user)
    return result
