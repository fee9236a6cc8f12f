"""Fixtures shared by the lifecycle tests (tests/signals, tests/deadlines): the cast of roles
around one signal and an isolated guard registry."""

from dataclasses import dataclass

import pytest

from signaalloket.core import procedure_hooks
from tests.factories import (
    MinistryFactory,
    OfficeFactory,
    OrganisationFactory,
    make_user,
    ministry_organisation,
)


@pytest.fixture
def open_guards(monkeypatch):
    """The guards that depend on other apps (documents, drafting, meetings, effect inquiry) pass.

    Each test gets its own registry, so a hook registered by one test does not leak into
    the next; the builders' document/effect helpers become no-ops.
    """
    checks = {
        **procedure_hooks._guards,
        "response_document_exists": lambda s: True,
        "all_submitters_answered_effect": lambda s: True,
        "draft_ready_for_fact_check": lambda s: True,
        "fact_check_confirmed": lambda s: True,
    }
    monkeypatch.setattr(procedure_hooks, "_guards", checks)
    monkeypatch.setattr("tests.builders_hooks.register_response", lambda signal, desk: None)
    monkeypatch.setattr("tests.builders_hooks.record_effect", lambda signal, desk: None)
    return checks


@dataclass
class Cast:
    """Everyone who might press a button on one signal."""

    desk_staff: object
    desk_manager: object
    submitter: object
    strategic_rep: object
    other_submitter: object
    official: object
    admin: object
    lead: object
    office: object

    def user(self, name: str):
        return getattr(self, name)


ROLE_NAMES = (
    "desk_staff",
    "desk_manager",
    "submitter",
    "strategic_rep",
    "other_submitter",
    "official",
    "admin",
)


@pytest.fixture
def cast(db) -> Cast:
    lead = OrganisationFactory(name="RIEC Testregio", kind="riec")
    ministry = MinistryFactory()
    office = OfficeFactory(ministry=ministry)
    return Cast(
        desk_staff=make_user("desk_staff"),
        desk_manager=make_user("desk_manager"),
        submitter=make_user("submitter", organisation=lead),
        strategic_rep=make_user("strategic_rep", organisation=lead),
        other_submitter=make_user("submitter", organisation=OrganisationFactory()),
        official=make_user("official", organisation=ministry_organisation(ministry)),
        admin=make_user("admin"),
        lead=lead,
        office=office,
    )
