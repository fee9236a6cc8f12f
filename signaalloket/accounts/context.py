"""What a user is, derived once per request from their active memberships."""

from dataclasses import dataclass, field

from .roles import DESK_ROLES, SUBMITTER_ROLES, Role


@dataclass(frozen=True)
class Access:
    roles: frozenset[str] = frozenset()
    # organisation ids per role
    organisations_by_role: dict[str, frozenset[int]] = field(default_factory=dict)
    ministry_ids: frozenset[int] = frozenset()
    # Query expressions derived from this access (the visibility rules), built once per
    # request: a signal page applies the same rule in every panel. Django copies an
    # expression when a queryset uses it, so sharing one is safe.
    expressions: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_desk(self) -> bool:
        return bool(self.roles & DESK_ROLES)

    @property
    def is_desk_manager(self) -> bool:
        return Role.DESK_MANAGER in self.roles

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles

    @property
    def is_official(self) -> bool:
        return Role.OFFICIAL in self.roles

    @property
    def is_submitter(self) -> bool:
        return bool(self.roles & SUBMITTER_ROLES)

    def orgs(self, *roles: str) -> frozenset[int]:
        result: set[int] = set()
        for role in roles:
            result |= self.organisations_by_role.get(role, frozenset())
        return frozenset(result)

    @property
    def submitter_org_ids(self) -> frozenset[int]:
        return self.orgs(*SUBMITTER_ROLES)

    @property
    def strategic_rep_org_ids(self) -> frozenset[int]:
        return self.orgs(Role.STRATEGIC_REP)


ANONYMOUS = Access()


def access_for(user) -> Access:
    """Access of a user; cached on the user object for the rest of the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_signaalloket_access", None)
    if cached is not None:
        return cached
    from .models import Membership

    rows = Membership.objects.filter(
        user=user, is_active=True, organisation__is_active=True
    ).values_list("role", "organisation_id", "organisation__ministry_id")
    by_role: dict[str, set[int]] = {}
    ministries: set[int] = set()
    for role, org_id, ministry_id in rows:
        by_role.setdefault(role, set()).add(org_id)
        if role == Role.OFFICIAL and ministry_id:
            ministries.add(ministry_id)
    access = Access(
        roles=frozenset(by_role),
        organisations_by_role={k: frozenset(v) for k, v in by_role.items()},
        ministry_ids=frozenset(ministries),
    )
    user._signaalloket_access = access
    return access
