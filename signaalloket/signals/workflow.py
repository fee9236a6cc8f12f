"""The procedure as data: states and the transition table.

Each transition names who may take it, what it requires (guards) and what else it does
(effects); guards and effects are named here and registered by the app that owns the data. `signal_transition` in services/transitions.py is the only code that
changes a signal's state, and it does so only along this table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from signaalloket.accounts.roles import Role
from signaalloket.core import procedure_hooks

from .states import FINAL_STATES, State

DESK = frozenset({Role.DESK_STAFF, Role.DESK_MANAGER})
SUBMITTERS = frozenset({Role.SUBMITTER, Role.STRATEGIC_REP})
SYSTEM = "system"  # the due-jobs command

# States in which no procedure deadline runs (the clock stops; open deadlines are waived).
CLOCK_STOPPED_STATES = FINAL_STATES


@dataclass(frozen=True)
class Guard:
    name: str  # the check registered under this name in core.procedure_hooks
    message: str  # shown to the user when the check fails


@dataclass(frozen=True)
class Transition:
    source: State
    target: State
    roles: frozenset[str]
    label: str
    guards: tuple[Guard, ...] = ()
    requires_reason: bool = False
    effects: tuple[str, ...] = field(default=())  # names registered in core.procedure_hooks


# Guards: the owning app registers the check under the name (signals/hooks.py,
# documents, drafting, procedure). -------------------------------------------------------

HAS_ADDRESSEE = Guard(
    "has_addressee", _("Voeg eerst ten minste één geadresseerde bewindspersoon toe.")
)
HAS_SUBMITTER = Guard("has_submitter", _("Voeg eerst ten minste één indienende organisatie toe."))
ADVICE_SUITABLE = Guard(
    "advice_suitable",
    _("Het loket moet eerst adviseren dat een bestuurlijk signaal geschikt is."),
)
ALL_APPROVED = Guard(
    "all_submitters_approved",
    _("Nog niet alle indienende organisaties hebben definitief ingestemd."),
)
RESPONSE_DOCUMENT = Guard(
    "response_document_exists", _("Registreer eerst de gezamenlijke reactie als document.")
)
EFFECT_ANSWER = Guard("effect_answer_exists", _("Het antwoord op de effectmeting ontbreekt nog."))
DRAFT_READY = Guard(
    "draft_ready_for_fact_check",
    _(
        "De concepttekst is nog niet klaar: verplichte onderdelen of de persoonsgegevenscheck ontbreken."
    ),
)


def T(source, target, roles, label, *, guards=(), reason=False, effects=()) -> Transition:
    return Transition(
        source, target, frozenset(roles), label, tuple(guards), reason, tuple(effects)
    )


S = State
# A signal that stops before the end: deadlines waived, planned meetings cancelled.
STOPPED = ("stop_clock", "cancel_planned_meetings")
PRE_OFFER = (S.INTAKE, S.DRAFTING, S.FACT_CHECK, S.DECISION)

TRANSITIONS: tuple[Transition, ...] = (
    T(S.INTAKE, S.DRAFTING, DESK, _("Start opstellen"), guards=(ADVICE_SUITABLE, HAS_SUBMITTER)),
    T(S.INTAKE, S.NOT_PURSUED, DESK, _("Niet doorzetten"), reason=True, effects=STOPPED),
    T(S.DRAFTING, S.NOT_PURSUED, DESK, _("Niet doorzetten"), reason=True, effects=STOPPED),
    T(
        S.DRAFTING,
        S.FACT_CHECK,
        DESK,
        _("Naar ambtelijk overleg"),
        guards=(HAS_SUBMITTER, HAS_ADDRESSEE, DRAFT_READY),
        effects=("mark_fact_check_started",),
    ),
    T(
        S.FACT_CHECK,
        S.DRAFTING,
        DESK,
        _("Terug naar opstellen (correcties nodig)"),
        reason=True,
        effects=("reset_approvals",),
    ),
    T(S.FACT_CHECK, S.DECISION, DESK, _("Feiten bevestigd: naar besluit indiening")),
    T(
        S.DECISION,
        S.DRAFTING,
        DESK,
        _("Terug naar opstellen"),
        reason=True,
        effects=("reset_approvals",),
    ),
    T(
        S.DECISION,
        S.OFFERED,
        DESK,
        _("Aanbieden aan bewindspersonen"),
        guards=(HAS_ADDRESSEE, ALL_APPROVED),
        # The letter first: it renders a PDF, before any audit write takes the chain's lock.
        effects=("store_offering_letters", "start_response_deadline"),
    ),
    T(
        S.OFFERED,
        S.RESPONSE_RECEIVED,
        DESK,
        _("Reactie ontvangen"),
        guards=(RESPONSE_DOCUMENT,),
        effects=("meet_response_deadline",),
    ),
    T(
        S.RESPONSE_RECEIVED,
        S.RESPONSE_DELIVERED,
        DESK,
        _("Reactie aanbieden aan indieners"),
        guards=(RESPONSE_DOCUMENT,),
        effects=("start_effect_deadline",),
    ),
    T(
        S.RESPONSE_DELIVERED,
        S.EFFECT_INQUIRY,
        DESK | {SYSTEM},
        _("Effectmeting starten"),
        effects=("meet_effect_deadline", "start_effect_answer_deadline"),
    ),
    T(
        S.EFFECT_INQUIRY,
        S.CLOSED,
        DESK,
        _("Afsluiten"),
        guards=(EFFECT_ANSWER,),
        effects=("stop_clock",),
    ),
    *(
        T(
            source,
            S.WITHDRAWN,
            DESK | SUBMITTERS,
            _("Intrekken"),
            reason=True,
            effects=STOPPED,
        )
        for source in PRE_OFFER
    ),
)

_BY_EDGE = {(t.source, t.target): t for t in TRANSITIONS}
assert len(_BY_EDGE) == len(TRANSITIONS), "duplicate edge in the transition table"


def find(source: str, target: str) -> Transition | None:
    """The edge from source to target, or None (also for a value that is not a state)."""
    if source not in State.values or target not in State.values:
        return None
    return _BY_EDGE.get((State(source), State(target)))


def outgoing(source: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source]


def failing_guards(transition: Transition, signal) -> list[str]:
    return [str(g.message) for g in transition.guards if not procedure_hooks.guard(g.name)(signal)]


def _who(roles: frozenset[str]) -> str:
    parts = []
    if roles & DESK:
        parts.append("desk")
    if roles & SUBMITTERS:
        parts.append("submitters")
    if SYSTEM in roles:
        parts.append("system")
    return "/".join(parts)


def mermaid() -> str:
    """State diagram of the table, for docs/architecture.md (see `manage.py workflow_diagram`).

    Edges read `who [guards] (reason)`; each state carries its Dutch name. Generated in Dutch
    whatever the active language, so the document does not depend on who runs the command.
    """
    from django.utils import translation

    with translation.override("nl"):
        lines = ["stateDiagram-v2"]
        for state in State:
            lines.append(f"    {state.value}: {state.label}")
        lines.append(f"    [*] --> {State.INTAKE.value}")
        for t in TRANSITIONS:
            label = _who(t.roles)
            if t.guards:
                label += " [" + ", ".join(g.name for g in t.guards) + "]"
            if t.requires_reason:
                label += " (reason)"
            lines.append(f"    {t.source.value} --> {t.target.value}: {label}")
        for final in sorted(FINAL_STATES):
            lines.append(f"    {final} --> [*]")
    return "\n".join(lines)
