"""What each role sees first. A user with several roles gets every section that applies.

Every section is one or two queries, whatever the number of signals.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q

from signaalloket.accounts.context import access_for
from signaalloket.core.dates import today
from signaalloket.deadlines.models import Deadline, DeadlineStatus
from signaalloket.signals.models import Addressee, ContributionStatus, Signal, Submitter
from signaalloket.signals.states import FINAL_STATES, State

from .filters import annotate_deadlines
from .rows import for_rows

# States in which the next step is the desk's (design reading of PROCESS.md):
# intake (advise), fact_check (organise the meeting), response_received (hand the response over).
DESK_ACTION_STATES = (State.INTAKE, State.FACT_CHECK, State.RESPONSE_RECEIVED)
# States in which the submitters are asked for something.
SUBMITTER_ACTION_STATES = (State.DRAFTING, State.DECISION, State.EFFECT_INQUIRY)
# States in which the addressed ministries contribute to the response.
OFFICIAL_ACTION_STATES = (State.FACT_CHECK, State.DECISION, State.OFFERED)
UPCOMING_DAYS = 28
LIMIT = 50


@dataclass
class Dashboard:
    is_desk: bool = False
    is_submitter: bool = False
    is_official: bool = False
    sections: dict = field(default_factory=dict)


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


def dashboard_for(*, user) -> Dashboard:
    access = access_for(user)
    day = today()
    board = Dashboard(
        is_desk=access.is_desk, is_submitter=access.is_submitter, is_official=access.is_official
    )
    if access.is_desk:
        board.sections["guided"] = list(_signals(user).filter(case_handler=user)[:LIMIT])
        board.sections["awaiting_desk"] = list(
            _signals(user).filter(state__in=DESK_ACTION_STATES).order_by("year", "number")[:LIMIT]
        )
        board.sections["overdue"] = list(_deadlines(user, before=day)[:LIMIT])
        board.sections["upcoming"] = list(
            _deadlines(user, until=day + dt.timedelta(days=UPCOMING_DAYS)).filter(
                due_date__gte=day
            )[:LIMIT]
        )
    if access.is_submitter:
        own = Exists(
            Submitter.objects.filter(
                signal=OuterRef("pk"), organisation_id__in=access.submitter_org_ids
            )
        )
        board.sections["my_organisation"] = list(_signals(user).filter(own)[:LIMIT])
        # Asked of me: writing (drafting), approving (decision, my organisation not yet
        # approved and I am its strategic representative) and answering the effect inquiry.
        pending_approval = Exists(
            Submitter.objects.filter(
                signal=OuterRef("pk"),
                organisation_id__in=access.strategic_rep_org_ids,
                approved_at__isnull=True,
            )
        )
        asked = _signals(user).filter(
            own,
            Q(state__in=(State.DRAFTING, State.EFFECT_INQUIRY))
            | Q(pending_approval, state=State.DECISION),
        )
        board.sections["asked_of_me"] = list(asked.order_by("year", "number")[:LIMIT])
    if access.is_official:
        mine = Addressee.objects.filter(office__ministry_id__in=access.ministry_ids)
        waiting = mine.filter(signal=OuterRef("pk")).exclude(
            contribution_status=ContributionStatus.CONTRIBUTED
        )
        board.sections["awaiting_ministry"] = list(
            _signals(user, submitters=False)
            .filter(Exists(waiting), state__in=OFFICIAL_ACTION_STATES)
            .prefetch_related(
                Prefetch(
                    "addressees",
                    queryset=Addressee.objects.filter(office__ministry_id__in=access.ministry_ids)
                    .select_related("office__ministry")
                    .only("signal", "contribution_status", "office__ministry__code"),
                    to_attr="my_addressees",
                )
            )
            .order_by("year", "number")[:LIMIT]
        )
        board.sections["ministry_deadlines"] = list(
            _deadlines(user, kinds=["response"]).filter(
                Exists(mine.filter(signal=OuterRef("signal_id")))
            )[:LIMIT]
        )
    return board
