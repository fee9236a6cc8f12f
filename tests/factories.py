"""Factories and small builders for tests. Domain objects are created through the services."""

import itertools

import factory

from signaalloket.accounts.models import Membership, User
from signaalloket.organisations.models import Ministry, Office, Organisation

_counter = itertools.count(1)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Gemeente Testdorp {n}")
    kind = "partner"


class MinistryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ministry

    code = factory.Sequence(lambda n: f"M{n}")
    name = factory.Sequence(lambda n: f"Ministerie van Test {n}")


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    kind = "minister"
    ministry = factory.SubFactory(MinistryFactory)
    title = factory.LazyAttribute(lambda o: f"Minister van {o.ministry.name}")
    holder_name = "A. Bewindspersoon"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.nl")
    full_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery-staple")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def desk_organisation() -> Organisation:
    org, _ = Organisation.objects.get_or_create(
        name="LIEC - Landelijk Loket Bestuurlijke Signalen", defaults={"kind": "desk"}
    )
    return org


def ministry_organisation(ministry: Ministry) -> Organisation:
    org, _ = Organisation.objects.get_or_create(
        name=f"Organisatie {ministry.name}", defaults={"kind": "ministry", "ministry": ministry}
    )
    return org


def make_user(
    role: str, *, organisation: Organisation | None = None, email: str | None = None
) -> User:
    """A user with one membership. Desk and admin roles default to the desk organisation."""
    if organisation is None:
        if role in ("desk_staff", "desk_manager", "admin"):
            organisation = desk_organisation()
        elif role == "official":
            organisation = ministry_organisation(MinistryFactory())
        else:
            organisation = OrganisationFactory()
    kwargs = {"email": email} if email else {}
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def add_membership(user: User, role: str, organisation: Organisation) -> None:
    Membership.objects.create(user=user, organisation=organisation, role=role)
    if hasattr(user, "_signaalloket_access"):
        del user._signaalloket_access
