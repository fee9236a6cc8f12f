"""One small world for the authorisation matrix: a user per role and a signal per state.

Built once per test module (see conftest.py) through the real services and builders.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from signaalloket.signals.models import ContactStatus, SubmitterContact
from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.factories import (
    MinistryFactory,
    OfficeFactory,
    OrganisationFactory,
    make_user,
    ministry_organisation,
)

# The roles of the matrix. "submitter"/"strategic_rep" belong to the lead organisation of
# every signal; "other_submitter" to an organisation that submits none of them; "official"
# to the ministry of the addressed office; "other_official" to a ministry never addressed.
ROLES = (
    "anonymous",
    "desk_staff",
    "desk_manager",
    "submitter",
    "strategic_rep",
    "other_submitter",
    "official",
    "other_official",
    "admin",
)

# A signal that went back from the fact-check meeting to drafting stays visible to officials.
BACK_TO_DRAFTING = "drafting_after_fact_check"
SIGNAL_KEYS = (*State.values, BACK_TO_DRAFTING)

# The rules of issue 4, written out independently of the code under test.
DESK = frozenset({"desk_staff", "desk_manager"})
OWN_SUBMITTERS = frozenset({"submitter", "strategic_rep"})
OFFICIAL_STATES = frozenset(
    {
        State.FACT_CHECK,
        State.DECISION,
        State.OFFERED,
        State.RESPONSE_RECEIVED,
        State.RESPONSE_DELIVERED,
        State.EFFECT_INQUIRY,
        State.CLOSED,
        BACK_TO_DRAFTING,
    }
)


def sees(role: str, key: str) -> bool:
    """May this role see the signal with this key (a state, or BACK_TO_DRAFTING)?"""
    if role in DESK or role in OWN_SUBMITTERS:
        return True
    if role == "official":
        return key in OFFICIAL_STATES
    return False  # anonymous, other_submitter, other_official, admin


def state_of(key: str) -> str:
    return State.DRAFTING if key == BACK_TO_DRAFTING else key


@dataclass
class World:
    users: dict = field(default_factory=dict)  # role -> User (no "anonymous")
    signals: dict = field(default_factory=dict)  # key -> Signal
    lead: object = None
    office: object = None
    spare_office: object = None  # addressed by no signal (for adding an addressee)
    documents: dict = field(default_factory=dict)  # key -> Document
    meetings: dict = field(default_factory=dict)  # key -> FactCheckMeeting
    comments: dict = field(default_factory=dict)  # key -> the submitter's shared Comment
    saved_filter: object = None  # the submitter's

    def titles_hidden_from(self, role: str) -> list[str]:
        return [s.title for key, s in self.signals.items() if not sees(role, key)]

    def titles_visible_to(self, role: str) -> list[str]:
        return [s.title for key, s in self.signals.items() if sees(role, key)]


def build_world() -> World:
    world = World()
    desk_staff = make_user("desk_staff")
    world.users["desk_staff"] = desk_staff
    world.users["desk_manager"] = make_user("desk_manager")
    world.users["admin"] = make_user("admin")
    lead = OrganisationFactory(name="RIEC Matrixregio", kind="riec")
    world.lead = lead
    world.users["submitter"] = make_user("submitter", organisation=lead)
    world.users["strategic_rep"] = make_user("strategic_rep", organisation=lead)
    world.users["other_submitter"] = make_user("submitter", organisation=OrganisationFactory())
    ministry = MinistryFactory()
    world.office = OfficeFactory(ministry=ministry)
    world.spare_office = OfficeFactory()
    world.users["official"] = make_user("official", organisation=ministry_organisation(ministry))
    world.users["other_official"] = make_user(
        "official", organisation=ministry_organisation(MinistryFactory())
    )
    for key in SIGNAL_KEYS:
        target = State.FACT_CHECK if key == BACK_TO_DRAFTING else key
        signal = build_signal(
            desk=desk_staff,
            state=target,
            lead=lead,
            offices=[world.office],
            title=f"Geheimtitel {key} qxv",
        )
        if key == BACK_TO_DRAFTING:
            from signaalloket.signals.services import signal_transition

            signal = signal_transition(
                signal=signal, actor=desk_staff, to=State.DRAFTING, reason="Feiten aangepast"
            )
        world.signals[key] = signal
        # a confirmed contact person, for the participants page's contact actions
        SubmitterContact.objects.create(
            signal=signal,
            organisation=lead,
            user=world.users["submitter"],
            status=ContactStatus.CONFIRMED,
        )
        world.documents[key] = _attachment(signal, desk_staff)
    world.meetings["fact_check"] = _meeting(world.signals["fact_check"], desk_staff)
    _notify(world.users["submitter"], world.signals["offered"])
    world.comments["fact_check"] = _comment(world.signals["fact_check"], world.users["submitter"])
    world.saved_filter = _saved_filter(world.users["submitter"])
    return world


def _comment(signal, author):
    """A shared comment by a submitter, in the fact check (officials see it too)."""
    from signaalloket.drafting.selectors import format_for_signal
    from signaalloket.drafting.services import comment_add

    section = format_for_signal(signal).sections.first()
    return comment_add(
        signal=signal, actor=author, section_key=section.key, body="Klopt dit?", visibility="shared"
    )


def _saved_filter(user):
    from signaalloket.lists.services import saved_filter_create

    return saved_filter_create(user=user, name="Mijn filter", query_string="q=x")


def _notify(user, signal) -> None:
    """One notification in the submitter's inbox."""
    try:
        from signaalloket.notifications.models import NotificationKind
        from signaalloket.notifications.services import notification_create_many
    except ImportError:  # before the notifications feature
        return
    notification_create_many(
        recipients=[user],
        signal=signal,
        kind=NotificationKind.values[0],
        text=f"Signaal {signal.reference}: er is iets gebeurd.",
        url=f"/signalen/{signal.pk}/",
        email=False,
    )


def _meeting(signal, desk):
    """A planned fact-check meeting on the signal in the fact-check stage."""
    try:
        from signaalloket.meetings.services import meeting_schedule
    except ImportError:  # before the meetings feature
        return None
    import datetime as dt

    from django.utils import timezone

    # Begun yesterday: its outcome can be recorded (only after the start, issue 17 item 4).
    starts = (timezone.now() - dt.timedelta(days=1)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    return meeting_schedule(
        signal=signal,
        actor=desk,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        location="Den Haag",
    )


def _attachment(signal, desk):
    """A plain attachment on every signal (visible to everyone who sees the signal)."""
    try:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from signaalloket.documents.services import document_upload
        from tests.builders_hooks import small_pdf_bytes
    except ImportError:  # before the documents feature
        return None
    return document_upload(
        signal=signal,
        actor=desk,
        uploaded_file=SimpleUploadedFile("bijlage.pdf", small_pdf_bytes()),
        kind="attachment",
        title=f"Bijlage {signal.reference}",
        confidentiality="confidential",
    )
