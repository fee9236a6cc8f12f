"""A small world for procedure tests: three ministries with an official each, a submitter."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile

from signaalloket.signals.services import signal_create, signal_update
from signaalloket.signals.services.participants import addressee_add
from tests.builders_hooks import small_pdf_bytes
from tests.factories import (
    MinistryFactory,
    OfficeFactory,
    OrganisationFactory,
    make_user,
    ministry_organisation,
)

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


def at(year, month, day, hour=10, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=AMS)


def pdf(name="bestand.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, small_pdf_bytes(), "application/pdf")


@dataclass
class World:
    desk: object
    submitter: object
    rep: object
    lead: object
    officials: list = field(default_factory=list)
    offices: list = field(default_factory=list)
    outsider_official: object = None


def make_world(desk, *, ministries: int = 3) -> World:
    lead = OrganisationFactory(kind="riec")
    submitter = make_user("submitter", organisation=lead)
    rep = make_user("strategic_rep", organisation=lead)
    world = World(desk=desk, submitter=submitter, rep=rep, lead=lead)
    for _ in range(ministries):
        ministry = MinistryFactory()
        world.offices.append(OfficeFactory(ministry=ministry))
        world.officials.append(make_user("official", organisation=ministry_organisation(ministry)))
    world.outsider_official = make_user("official")  # a ministry that is not addressed
    return world


def world_signal(world: World, *, contacts: bool = True):
    signal = signal_create(
        actor=world.submitter,
        title="Misbruik van subsidies verstrekt door RVO",
        summary="Geheime samenvatting",
        lead_organisation=world.lead,
    )
    signal = signal_update(
        signal=signal, actor=world.desk, expected_version=signal.version, advice="suitable"
    )
    for i, (office, official) in enumerate(zip(world.offices, world.officials, strict=True)):
        addressee_add(
            signal=signal,
            actor=world.desk,
            office=office,
            is_coordinating=(i == 0),
            contact_official=official if contacts else None,
        )
    signal.refresh_from_db()
    return signal


def prepare_draft(signal, desk) -> None:
    """Let the drafting feature's fact-check guard pass (a complete draft), when it exists."""
    try:
        from tests.builders_hooks import write_draft
    except ImportError:  # before the drafting feature
        return
    write_draft(signal, desk)


def walk(signal, desk, *states):
    from signaalloket.signals.services import signal_transition
    from signaalloket.signals.states import State

    for state in states:
        if state == State.FACT_CHECK:
            prepare_draft(signal, desk)
        if state == State.DECISION:
            from tests.builders_hooks import hold_confirmed_meeting

            signal = hold_confirmed_meeting(signal, desk)
            continue
        signal = signal_transition(signal=signal, actor=desk, to=state)
    return signal
