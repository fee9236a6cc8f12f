"""What each role sees first. A user with several roles gets every section that applies.

Each section shows its first LIMIT rows and how many there are in all; its own page
(`dashboard_section`) lists them all, paginated. Every section is a fixed number of queries,
whatever the number of signals.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from signaalloket.accounts.context import Access, access_for
from signaalloket.core.dates import today
from signaalloket.core.errors import NotAllowed, NotFound
from signaalloket.deadlines.models import Deadline, DeadlineStatus
from signaalloket.signals.models import Addressee, ContributionStatus, Signal, Submitter
from signaalloket.signals.states import FINAL_STATES, State

from .filters import annotate_deadlines
from .rows import for_rows

# States in which the next step is the desk's (design reading of PROCESS.md):
# intake (advise), fact_check (organise the meeting), response_received (hand the response over).
DESK_ACTION_STATES = (State.INTAKE, State.FACT_CHECK, State.RESPONSE_RECEIVED)
# States in which the addressed ministries contribute to the response.
OFFICIAL_ACTION_STATES = (State.FACT_CHECK, State.DECISION, State.OFFERED)
UPCOMING_DAYS = 28
# Rows per section on the dashboard. Fifty per section made a 200-row landing page for the
# desk that took 130 ms to build and render (make bench); the rest is one click away.
LIMIT = 10

DESK, SUBMITTER, OFFICIAL = "desk", "submitter", "official"


def _signals(user, *, submitters: bool = True):
    """Signals still in progress, as rows."""
    visible = annotate_deadlines(Signal.objects.visible_to(user))
    return for_rows(visible.exclude(state__in=FINAL_STATES), submitters=submitters)


def _deadlines(user, *, until: dt.date | None = None, before: dt.date | None = None, kinds=None):
    # EXISTS, not IN: with IN (visible signal ids) SQLite walked every signal and probed its
    # deadlines (14 ms at 10,000 signals); EXISTS lets it read open deadlines in date order
    # and stop at the LIMIT (0.2 ms).
    visible = Signal.objects.visible_to(user).filter(pk=OuterRef("signal_id"))
    queryset = (
        Deadline.objects.filter(Exists(visible), status=DeadlineStatus.OPEN)
        .select_related("signal")
        .only("signal__reference", "signal__title", "kind", "due_date")
        .order_by("due_date", "id")
    )
    if until is not None:
        queryset = queryset.filter(due_date__lte=until)
    if before is not None:
        queryset = queryset.filter(due_date__lt=before)
    if kinds is not None:
        queryset = queryset.filter(kind__in=kinds)
    return queryset


def _guided(user, access: Access) -> QuerySet:
    return _signals(user).filter(case_handler=user).order_by("-year", "-number")


def _awaiting_desk(user, access: Access) -> QuerySet:
    return _signals(user).filter(state__in=DESK_ACTION_STATES).order_by("year", "number")


def _overdue(user, access: Access) -> QuerySet:
    return _deadlines(user, before=today())


def _upcoming(user, access: Access) -> QuerySet:
    day = today()
    return _deadlines(user, until=day + dt.timedelta(days=UPCOMING_DAYS)).filter(due_date__gte=day)


def _own(access: Access) -> Exists:
    return Exists(
        Submitter.objects.filter(
            signal=OuterRef("pk"), organisation_id__in=access.submitter_org_ids
        )
    )


def _asked_of_me(user, access: Access) -> QuerySet:
    """Writing (drafting), approving (decision, my organisation not yet approved and I am its
    strategic representative) and answering the effect inquiry."""
    pending_approval = Exists(
        Submitter.objects.filter(
            signal=OuterRef("pk"),
            organisation_id__in=access.strategic_rep_org_ids,
            approved_at__isnull=True,
        )
    )
    return (
        _signals(user)
        .filter(
            _own(access),
            Q(state__in=(State.DRAFTING, State.EFFECT_INQUIRY))
            | Q(pending_approval, state=State.DECISION),
        )
        .order_by("year", "number")
    )


def _my_organisation(user, access: Access) -> QuerySet:
    return _signals(user).filter(_own(access)).order_by("-year", "-number")


def _mine(access: Access) -> QuerySet:
    return Addressee.objects.filter(office__ministry_id__in=access.ministry_ids)


def _awaiting_ministry(user, access: Access) -> QuerySet:
    waiting = (
        _mine(access)
        .filter(signal=OuterRef("pk"))
        .exclude(contribution_status=ContributionStatus.CONTRIBUTED)
    )
    return (
        _signals(user, submitters=False)
        .filter(Exists(waiting), state__in=OFFICIAL_ACTION_STATES)
        .prefetch_related(
            Prefetch(
                "addressees",
                queryset=_mine(access)
                .select_related("office__ministry")
                .only("signal", "contribution_status", "office__ministry__code"),
                to_attr="my_addressees",
            )
        )
        .order_by("year", "number")
    )


def _ministry_deadlines(user, access: Access) -> QuerySet:
    return _deadlines(user, kinds=["response"]).filter(
        Exists(_mine(access).filter(signal=OuterRef("signal_id")))
    )


@dataclass(frozen=True)
class Section:
    key: str
    group: str  # DESK, SUBMITTER or OFFICIAL: who gets it
    caption: Promise
    template: str  # the table of rows
    rows: Callable[..., QuerySet]  # (user, access) -> the rows, in order


SECTIONS = {
    s.key: s
    for s in (
        Section(
            "guided", DESK, _("Signalen die ik begeleid"), "reports/_signal_rows.html", _guided
        ),
        Section(
            "awaiting_desk",
            DESK,
            _("Wacht op het loket"),
            "reports/_signal_rows.html",
            _awaiting_desk,
        ),
        Section(
            "overdue", DESK, _("Verstreken termijnen"), "reports/_deadline_rows.html", _overdue
        ),
        Section(
            "upcoming",
            DESK,
            _("Termijnen in de komende vier weken"),
            "reports/_deadline_rows.html",
            _upcoming,
        ),
        Section(
            "asked_of_me",
            SUBMITTER,
            _("Wat wordt er van mij gevraagd"),
            "reports/_signal_rows.html",
            _asked_of_me,
        ),
        Section(
            "my_organisation",
            SUBMITTER,
            _("Lopende signalen van mijn organisatie"),
            "reports/_signal_rows.html",
            _my_organisation,
        ),
        Section(
            "awaiting_ministry",
            OFFICIAL,
            _("Signalen die wachten op de bijdrage van mijn ministerie"),
            "reports/_ministry_rows.html",
            _awaiting_ministry,
        ),
        Section(
            "ministry_deadlines",
            OFFICIAL,
            _("Reactietermijnen van signalen aan mijn ministerie"),
            "reports/_deadline_rows.html",
            _ministry_deadlines,
        ),
    )
}


@dataclass
class SectionView:
    section: Section
    rows: list
    total: int

    @property
    def more(self) -> bool:
        return self.total > len(self.rows)

    @property
    def caption(self) -> str:
        return f"{self.section.caption} ({self.total})"


@dataclass
class Dashboard:
    is_desk: bool = False
    is_submitter: bool = False
    is_official: bool = False
    sections: dict[str, SectionView] = field(default_factory=dict)

    def group(self, name: str) -> list[SectionView]:
        return [view for view in self.sections.values() if view.section.group == name]

    @property
    def desk(self) -> list[SectionView]:
        return self.group(DESK)

    @property
    def submitter(self) -> list[SectionView]:
        return self.group(SUBMITTER)

    @property
    def official(self) -> list[SectionView]:
        return self.group(OFFICIAL)


def _groups(access: Access) -> set[str]:
    groups = set()
    if access.is_desk:
        groups.add(DESK)
    if access.is_submitter:
        groups.add(SUBMITTER)
    if access.is_official:
        groups.add(OFFICIAL)
    return groups


def dashboard_for(*, user) -> Dashboard:
    access = access_for(user)
    groups = _groups(access)
    board = Dashboard(is_desk=DESK in groups, is_submitter=SUBMITTER in groups)
    board.is_official = OFFICIAL in groups
    for key, section in SECTIONS.items():
        if section.group in groups:
            rows = section.rows(user, access)
            # Always counted (not only when the section is full): a fixed number of queries.
            board.sections[key] = SectionView(section, list(rows[:LIMIT]), rows.count())
    return board


def section_rows(*, user, key: str) -> tuple[Section, QuerySet]:
    """All rows of one dashboard section, for its own page."""
    access = access_for(user)
    section = SECTIONS.get(key)
    if section is None:
        raise NotFound()
    if section.group not in _groups(access):
        raise NotAllowed(_("Dit deel van het overzicht hoort niet bij uw rol."))
    return section, section.rows(user, access)
