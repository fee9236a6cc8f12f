"""Load the demo data (see data.py) for `make run`.

Everything goes through the services, exactly as a user would create it; timestamps are set
by travelling in time (time-machine), so deadlines and the timeline look real.
"""

import datetime as dt

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.html import escape
from weasyprint import HTML

from signaalloket.accounts.models import User
from signaalloket.accounts.services import membership_grant, user_create
from signaalloket.meetings.services import meeting_record_outcome, meeting_schedule
from signaalloket.organisations.models import Ministry, Office, Organisation, PartnerKind
from signaalloket.organisations.reference_data import load as load_reference_data
from signaalloket.procedure.services import (
    approval_record_offline,
    effect_answer_submit,
    response_deliver,
    response_register,
)
from signaalloket.signals.models import Signal, Theme
from signaalloket.signals.services import signal_create, signal_transition, signal_update
from signaalloket.signals.services.contacts import contact_add
from signaalloket.signals.services.participants import (
    addressee_add,
    submitter_add,
    submitter_set_strategic_rep,
)
from signaalloket.signals.states import MAIN_PATH, State

from .data import DEMO_PASSWORD, DEMO_USERS, MARKER_EMAIL, SIGNALS, THEMES, DemoSignal
from .drafts import draft_write_complete


def demo_already_loaded() -> bool:
    return User.objects.filter(email=MARKER_EMAIL).exists()


def load_demo() -> bool:
    """Load everything once. Returns False when the demo data was already there."""
    if demo_already_loaded():
        return False
    # One transaction: a failure leaves nothing half-loaded, and the next run tries again.
    with transaction.atomic():
        load_reference_data()
        _organisations()
        users = _users()
        for theme in THEMES:
            Theme.objects.get_or_create(name=theme)
        for spec in SIGNALS:
            _signal(spec, users)
    return True


def _organisations() -> None:
    gemeente = PartnerKind.objects.get(code="gemeente")
    team = PartnerKind.objects.get(code="team")
    Organisation.objects.get_or_create(
        name="Gemeente Rotterdam", defaults={"kind": "partner", "partner_kind": gemeente}
    )
    Organisation.objects.get_or_create(
        name="Mensenhandel Fieldlab-team Lovitura",
        defaults={"kind": "partner", "partner_kind": team},
    )


def _users() -> dict[str, User]:
    users = {}
    for spec in DEMO_USERS:
        org_name = spec.organisation
        if spec.role == "official":
            org_name = _ministry_org(spec.organisation)
        organisation = Organisation.objects.get(name=org_name)
        user = user_create(
            actor=None, email=spec.email, full_name=spec.name, password=DEMO_PASSWORD
        )
        membership_grant(actor=None, user=user, organisation=organisation, role=spec.role)
        users[spec.email] = user
    return users


def _office_for(code: str, on: dt.date) -> Office:
    ministry = (
        Ministry.objects.current(on).filter(code=code).first()
        or Ministry.objects.filter(code=code).order_by("-valid_from").first()
    )
    offices = Office.objects.current(on).filter(ministry=ministry, kind="minister")
    return offices.first() or Office.objects.filter(ministry=ministry).first()


def _signal(spec: DemoSignal, users: dict[str, User]) -> Signal:
    desk = users[MARKER_EMAIL]
    rep = users["sv@demo.example"]
    start = dt.datetime(spec.year, 2, 3, 10, 0, tzinfo=dt.UTC)
    clock = [start]

    def step(days: int):
        clock[0] = clock[0] + dt.timedelta(days=days)
        return time_machine.travel(clock[0], tick=False)

    with step(0), transaction.atomic():
        lead = Organisation.objects.get(name=spec.lead)
        signal = signal_create(
            actor=desk,
            title=spec.title,
            summary=spec.summary,
            lead_organisation=lead,
            themes=Theme.objects.filter(name__in=spec.themes),
            year=spec.year,
        )
        for name in spec.co:
            submitter_add(
                signal=signal, actor=desk, organisation=Organisation.objects.get(name=name)
            )
        if spec.lead == "RIEC Den Haag":
            lead_submitter = signal.submitters.get(organisation=lead)
            submitter_set_strategic_rep(
                submitter=lead_submitter,
                actor=desk,
                strategic_rep=rep,
                expected_version=lead_submitter.version,
            )
            contact_add(
                submitter=lead_submitter,
                actor=desk,
                user=users["indiener@demo.example"],
                make_lead=True,
            )
    if spec.state == State.INTAKE:
        return signal
    if spec.state == State.NOT_PURSUED:
        with step(20):
            return signal_transition(
                signal=signal, actor=desk, to=State.NOT_PURSUED, reason=spec.summary[:200]
            )
    with step(14), transaction.atomic():
        signal = signal_update(
            signal=signal,
            actor=desk,
            expected_version=signal.version,
            advice="suitable",
            advice_reason="Het knelpunt voldoet aan de drie criteria.",
        )
        for i, code in enumerate(spec.ministries):
            addressee_add(
                signal=signal,
                actor=desk,
                office=_office_for(code, clock[0].date()),
                is_coordinating=i == 0,
            )
        signal = signal_transition(signal=signal, actor=desk, to=State.DRAFTING)
    if spec.state == State.WITHDRAWN:
        with step(30):
            return signal_transition(
                signal=signal,
                actor=desk,
                to=State.WITHDRAWN,
                reason="Ingetrokken door de indieners.",
            )
    target = MAIN_PATH.index(State(spec.state))
    days = {
        State.FACT_CHECK: 45,
        State.DECISION: 21,
        State.OFFERED: 14,
        State.RESPONSE_RECEIVED: 80,
        State.RESPONSE_DELIVERED: 10,
        State.EFFECT_INQUIRY: 183,
        State.CLOSED: 30,
    }
    for next_state in MAIN_PATH[MAIN_PATH.index(State.DRAFTING) + 1 : target + 1]:
        with step(days[next_state]), transaction.atomic():
            signal = _advance(signal, next_state, desk, clock[0])
    return signal


def _advance(signal: Signal, next_state: str, desk: User, now: dt.datetime) -> Signal:
    """Take one step the way the desk does it in the application."""
    if next_state == State.FACT_CHECK:
        draft_write_complete(signal=signal, actor=desk)
        return signal_transition(signal=signal, actor=desk, to=State.FACT_CHECK)
    if next_state == State.DECISION:
        starts = now - dt.timedelta(days=1)
        meeting = meeting_schedule(
            signal=signal,
            actor=desk,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1, minutes=30),
            location="LIEC, Den Haag",
        )
        meeting_record_outcome(
            meeting=meeting,
            actor=desk,
            outcome="confirmed",
            minutes="De feiten in het signaal zijn met de ministeries besproken en bevestigd.",
            findings="Geen correcties nodig.",
            expected_version=meeting.version,
        )
        return Signal.objects.get(pk=signal.pk)
    if next_state == State.OFFERED:
        for submitter in signal.submitters.select_related("organisation"):
            approval_record_offline(
                submitter=submitter,
                actor=desk,
                uploaded_file=_pdf_upload(
                    "instemmingsbrief.pdf",
                    f"Instemming van {submitter.organisation.name} met definitieve indiening.",
                ),
                note="Getekende brief ontvangen",
            )
        return signal_transition(signal=signal, actor=desk, to=State.OFFERED)
    if next_state == State.RESPONSE_RECEIVED:
        return response_register(
            signal=signal,
            actor=desk,
            uploaded_file=_pdf_upload(
                "gezamenlijke-reactie.pdf",
                "Gezamenlijke reactie van de bewindspersonen op het bestuurlijk signaal.",
            ),
            response_date=now.date(),
        )
    if next_state == State.RESPONSE_DELIVERED:
        return response_deliver(signal=signal, actor=desk)
    if next_state == State.EFFECT_INQUIRY:
        return signal_transition(signal=signal, actor=desk, to=State.EFFECT_INQUIRY)
    if next_state == State.CLOSED:
        # One answer per submitting organisation, the desk on behalf of each.
        for submitter in signal.submitters.select_related("organisation"):
            effect_answer_submit(
                signal=signal,
                actor=desk,
                outcome="policy_changed",
                explanation="Het beleid is aangepast; de aanbevelingen krijgen opvolging.",
                organisation=submitter.organisation,
            )
        return signal_transition(signal=signal, actor=desk, to=State.CLOSED)
    raise ValueError(next_state)


def _pdf_upload(name: str, text: str):
    pdf = HTML(string=f"<h1>{escape(name)}</h1><p>{escape(text)}</p>").write_pdf()
    return SimpleUploadedFile(name, pdf, content_type="application/pdf")


def _ministry_org(code: str) -> str:
    ministry = Ministry.objects.current().get(code=code)
    return ministry.organisations.get().name
