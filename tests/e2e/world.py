"""A small world for the browser tests: one user per role and signals in the main states."""

from dataclasses import dataclass, field

from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.factories import (
    MinistryFactory,
    OfficeFactory,
    OrganisationFactory,
    make_user,
    ministry_organisation,
)

EMAILS = {
    "desk_staff": "loket@example.nl",
    "desk_manager": "manager@example.nl",
    "submitter": "indiener@example.nl",
    "strategic_rep": "sv@example.nl",
    "official": "ambtenaar@example.nl",
    "admin": "beheer@example.nl",
}


@dataclass
class World:
    users: dict
    lead: object
    office: object
    signals: dict = field(default_factory=dict)  # state -> Signal


def build_world(states=(State.DRAFTING, State.DECISION, State.OFFERED)) -> World:
    lead = OrganisationFactory(name="RIEC Testregio", kind="riec")
    ministry = MinistryFactory(name="Ministerie van Justitie en Test")
    office = OfficeFactory(ministry=ministry, holder_name="J. de Minister")
    users = {}
    for role, email in EMAILS.items():
        org = {
            "submitter": lead,
            "strategic_rep": lead,
            "official": ministry_organisation(ministry),
        }.get(role)
        users[role] = make_user(role, organisation=org, email=email)
        users[role].full_name = {
            "desk_staff": "Lotte de Loket",
            "desk_manager": "Marco Manager",
            "submitter": "Ilse Indiener",
            "strategic_rep": "Sander Strateeg",
            "official": "Anna Ambtenaar",
            "admin": "Bert Beheer",
        }[role]
        users[role].is_staff = role in ("admin", "desk_manager")  # the /beheer/ site
        users[role].save(update_fields=["full_name", "is_staff"])
    world = World(users=users, lead=lead, office=office)
    titles = {
        State.DRAFTING: "Katvangers bij de inschrijving in het Handelsregister",
        State.DECISION: "Vastgoedtransacties zonder zicht op de herkomst van het geld",
        State.OFFERED: "Malafide uitzendbureaus en de registratieplicht",
        State.CLOSED: "Misbruik van subsidies die worden verstrekt door RVO",
    }
    for state in states:
        world.signals[state] = build_signal(
            desk=users["desk_staff"],
            state=state,
            lead=lead,
            offices=[office],
            title=titles.get(state, f"Signaal in {state}"),
        )
    return world
