"""The procedure as data: what each state means, and the transition table.

Per state (STATES): who acts next, the text at the top of the signal page (web/glance.py)
and where the work of that step is done. Per transition (TRANSITIONS): who may take it, what
it requires (guards), what else it does (effects) and whom it notifies (notifications/
handlers.py). Guards and effects are named here and registered by the app that owns the
data (core/procedure_hooks.py); a name without code fails the system check at start-up.
`signal_transition` in services/transitions.py is the only code that changes a signal's
state, and it does so only along this table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from signaalloket.accounts.roles import Role
from signaalloket.core import procedure_hooks

from .states import CLOCK_STOPPED_STATES, FINAL_STATES, PRE_OFFER, State

__all__ = ["CLOCK_STOPPED_STATES", "PRE_OFFER", "State"]

DESK = frozenset({Role.DESK_STAFF, Role.DESK_MANAGER})
SUBMITTERS = frozenset({Role.SUBMITTER, Role.STRATEGIC_REP})
OFFICIALS = frozenset({Role.OFFICIAL})
SYSTEM = "system"  # the due-jobs command


@dataclass(frozen=True)
class Guard:
    name: str  # the check registered under this name in core.procedure_hooks
    message: str  # shown to the user when the check fails
    # True: when the check fails, the step is still allowed if the desk gives a reason (the
    # transition form then asks for one; the reason is kept on the StateChange).
    unless_reason: bool = False


@dataclass(frozen=True)
class Notify:
    """The message a transition sends; notifications/handlers.py delivers it after commit."""

    kind: str  # a NotificationKind value
    text: str  # Dutch, with %(ref)s for the signal's reference
    to: tuple[str, ...]  # recipient groups, in order (notifications/handlers.RECIPIENTS)
    link: str = "signal"  # "signal": the signal page; "effect_form": the effect inquiry


@dataclass(frozen=True)
class StateInfo:
    next_text: str  # what happens in this state (top of the signal page)
    acts_next: frozenset[str]  # who holds the pen (roles)
    # Where the work of this step is done: (url name or "#anchor", label, for roles).
    links: tuple[tuple[str, str, frozenset[str]], ...] = ()


@dataclass(frozen=True)
class Transition:
    source: State
    target: State
    roles: frozenset[str]
    label: str
    guards: tuple[Guard, ...] = ()
    requires_reason: bool = False
    effects: tuple[str, ...] = field(default=())  # names registered in core.procedure_hooks
    notify: Notify | None = None


# Guards: the owning app registers the check under the name (signals/hooks.py,
# documents, drafting, meetings, procedure). -------------------------------------------------------

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
ALL_EFFECT_ANSWERS = Guard(
    "all_submitters_answered_effect",
    _(
        "Nog niet alle indienende organisaties hebben de effectmeting beantwoord. "
        "Zonder hun antwoord sluit het loket alleen af met een reden."
    ),
    unless_reason=True,
)
DRAFT_READY = Guard(
    "draft_ready_for_fact_check",
    _(
        "De concepttekst is nog niet klaar: verplichte onderdelen of de persoonsgegevenscheck ontbreken."
    ),
)
FACT_CHECK_CONFIRMED = Guard(
    "fact_check_confirmed",
    _("Leg eerst de uitkomst van een gehouden ambtelijk overleg vast: feiten bevestigd."),
)


def T(
    source, target, roles, label, *, guards=(), reason=False, effects=(), notify=None
) -> Transition:
    return Transition(
        source, target, frozenset(roles), label, tuple(guards), reason, tuple(effects), notify
    )


S = State

# What happens in each state and who holds the pen (PROCESS.md, "Lifecycle").
STATES: dict[State, StateInfo] = {
    S.INTAKE: StateInfo(
        _(
            "Het loket verkent met de partner het probleem, de betrokken partijen en de "
            "criteria, en adviseert of een bestuurlijk signaal het juiste instrument is."
        ),
        DESK,
        (
            ("drafting:intake", _("Verkenning en advies vastleggen"), DESK),
            ("procedure:addressees", _("Geadresseerden beheren"), DESK),
        ),
    ),
    S.DRAFTING: StateInfo(
        _(
            "De indieners schrijven het signaal in het format van het loket; het loket "
            "adviseert. Daarna organiseert het loket het ambtelijk overleg."
        ),
        SUBMITTERS | DESK,
        (
            ("drafting:editor", _("Concepttekst schrijven"), DESK | SUBMITTERS),
            ("procedure:addressees", _("Geadresseerden beheren"), DESK),
        ),
    ),
    S.FACT_CHECK: StateInfo(
        _(
            "Het loket organiseert een ambtelijk overleg met de indieners en de ambtenaren van "
            "de geadresseerde bewindspersonen om de feiten te toetsen."
        ),
        DESK | OFFICIALS,
        (
            (
                "#panel-fact_check_meeting",
                _("Naar het ambtelijk overleg"),
                DESK | OFFICIALS | SUBMITTERS,
            ),
        ),
    ),
    S.DECISION: StateInfo(
        _(
            "De indieners besluiten of zij het signaal definitief indienen: de strategisch "
            "vertegenwoordiger van elke indienende organisatie stemt in. Daarna biedt het "
            "loket het signaal aan."
        ),
        frozenset({Role.STRATEGIC_REP}),
        (("#panel-procedure", _("Naar het besluit indiening"), DESK | {Role.STRATEGIC_REP}),),
    ),
    S.OFFERED: StateInfo(
        _(
            "Het signaal ligt bij de bewindspersonen. Het loket wacht op één gezamenlijke "
            "reactie en registreert die als document zodra ze binnen is."
        ),
        OFFICIALS | DESK,
        (
            ("procedure:response", _("Gezamenlijke reactie registreren"), DESK),
            ("#panel-procedure", _("Bijdrage van uw ministerie doorgeven"), OFFICIALS),
        ),
    ),
    S.RESPONSE_RECEIVED: StateInfo(
        _("De gezamenlijke reactie is binnen. Het loket biedt de reactie aan de indieners aan."),
        DESK,
    ),
    S.RESPONSE_DELIVERED: StateInfo(
        _(
            "De procedure is afgerond. Na zes maanden vraagt het loket de indieners wat het "
            "effect van het signaal is."
        ),
        DESK,
    ),
    S.EFFECT_INQUIRY: StateInfo(
        _(
            "Het loket heeft de indieners gevraagd wat het effect van het signaal is. Na hun "
            "antwoord sluit het loket het signaal af."
        ),
        SUBMITTERS,
        (("procedure:effect_answer", _("Effectmeting invullen"), DESK | SUBMITTERS),),
    ),
    S.CLOSED: StateInfo(_("Het effect is vastgelegd; het signaal is afgesloten."), frozenset()),
    S.NOT_PURSUED: StateInfo(
        _("Het signaal is niet doorgezet: het loket heeft een andere route geadviseerd."),
        frozenset(),
    ),
    S.WITHDRAWN: StateInfo(_("De indieners hebben het signaal ingetrokken."), frozenset()),
}
assert set(STATES) == set(State), "every state needs its StateInfo"

# A signal that stops before the end: deadlines waived, planned meetings cancelled.
STOPPED = ("stop_clock", "cancel_planned_meetings")

CORRECTIONS_NEEDED = Notify(
    "corrections_needed",
    _("Signaal %(ref)s gaat terug naar opstellen: correcties nodig."),
    ("submitters",),
)
NOT_PURSUED = Notify(
    "not_pursued",
    _("Signaal %(ref)s wordt niet doorgezet als bestuurlijk signaal."),
    ("submitters",),
)
WITHDRAWN = Notify(
    "withdrawn",
    _("Signaal %(ref)s is ingetrokken."),
    ("submitters", "desk", "officials_once_fact_checked"),
)

TRANSITIONS: tuple[Transition, ...] = (
    T(S.INTAKE, S.DRAFTING, DESK, _("Start opstellen"), guards=(ADVICE_SUITABLE, HAS_SUBMITTER)),
    *(
        T(
            source,
            S.NOT_PURSUED,
            DESK,
            _("Niet doorzetten"),
            reason=True,
            effects=STOPPED,
            notify=NOT_PURSUED,
        )
        for source in (S.INTAKE, S.DRAFTING)
    ),
    T(
        S.DRAFTING,
        S.FACT_CHECK,
        DESK,
        _("Naar ambtelijk overleg"),
        guards=(HAS_SUBMITTER, HAS_ADDRESSEE, DRAFT_READY),
        effects=("mark_fact_check_started",),
        notify=Notify(
            "fact_check_started",
            _("Signaal %(ref)s is klaar voor ambtelijk overleg."),
            ("all_officials", "submitters"),
        ),
    ),
    T(
        S.FACT_CHECK,
        S.DRAFTING,
        DESK,
        _("Terug naar opstellen (correcties nodig)"),
        reason=True,
        effects=("reset_approvals",),
        notify=CORRECTIONS_NEEDED,
    ),
    T(
        S.FACT_CHECK,
        S.DECISION,
        DESK,
        _("Feiten bevestigd: naar besluit indiening"),
        guards=(FACT_CHECK_CONFIRMED,),
        notify=Notify(
            "approval_requested",
            _(
                "De feiten van signaal %(ref)s zijn bevestigd. "
                "De strategisch vertegenwoordigers kunnen nu definitief instemmen."
            ),
            ("submitters", "strategic_reps"),
        ),
    ),
    T(
        S.DECISION,
        S.DRAFTING,
        DESK,
        _("Terug naar opstellen"),
        reason=True,
        effects=("reset_approvals",),
        notify=CORRECTIONS_NEEDED,
    ),
    T(
        S.DECISION,
        S.OFFERED,
        DESK,
        _("Aanbieden aan bewindspersonen"),
        guards=(HAS_ADDRESSEE, ALL_APPROVED),
        # The letter first: it renders a PDF, before any audit write takes the chain's lock.
        effects=("store_offering_letters", "start_response_deadline"),
        notify=Notify(
            "offered",
            _(
                "Signaal %(ref)s is aangeboden aan de bewindspersonen. "
                "De termijn voor de gezamenlijke reactie loopt."
            ),
            ("officials", "submitters"),
        ),
    ),
    T(
        S.OFFERED,
        S.RESPONSE_RECEIVED,
        DESK,
        _("Reactie ontvangen"),
        guards=(RESPONSE_DOCUMENT,),
        effects=("meet_response_deadline",),
        notify=Notify(
            "response_received",
            _("De gezamenlijke reactie op signaal %(ref)s is geregistreerd."),
            ("officials",),
        ),
    ),
    T(
        S.RESPONSE_RECEIVED,
        S.RESPONSE_DELIVERED,
        DESK,
        _("Reactie aanbieden aan indieners"),
        guards=(RESPONSE_DOCUMENT,),
        effects=("start_effect_deadline",),
        notify=Notify(
            "response_delivered",
            _("De reactie van de bewindspersonen op signaal %(ref)s staat voor u klaar."),
            ("submitters",),
        ),
    ),
    T(
        S.RESPONSE_DELIVERED,
        S.EFFECT_INQUIRY,
        DESK | {SYSTEM},
        _("Effectmeting starten"),
        effects=("meet_effect_deadline", "start_effect_answer_deadline"),
        notify=Notify(
            "effect_inquiry",
            _("Wat heeft signaal %(ref)s opgeleverd? Vul het korte formulier over het effect in."),
            ("submitters",),
            link="effect_form",
        ),
    ),
    T(
        S.EFFECT_INQUIRY,
        S.CLOSED,
        DESK,
        _("Afsluiten"),
        guards=(ALL_EFFECT_ANSWERS,),
        effects=("stop_clock",),
        notify=Notify("closed", _("Signaal %(ref)s is afgesloten."), ("submitters",)),
    ),
    *(
        T(
            source,
            S.WITHDRAWN,
            DESK | SUBMITTERS,
            _("Intrekken"),
            reason=True,
            effects=STOPPED,
            notify=WITHDRAWN,
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


def failed_guards(transition: Transition, signal) -> list[Guard]:
    return [g for g in transition.guards if not procedure_hooks.guard(g.name)(signal)]


def failing_guards(transition: Transition, signal, *, reason: str = "") -> list[str]:
    """The messages of the guards that stop the step; a guard with `unless_reason` does not
    stop it when a reason is given."""
    return [
        str(g.message)
        for g in failed_guards(transition, signal)
        if not (g.unless_reason and reason)
    ]


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
                label += (
                    " ["
                    + ", ".join(
                        g.name + (" or reason" if g.unless_reason else "") for g in t.guards
                    )
                    + "]"
                )
            if t.requires_reason:
                label += " (reason)"
            lines.append(f"    {t.source.value} --> {t.target.value}: {label}")
        for final in sorted(FINAL_STATES):
            lines.append(f"    {final} --> [*]")
    return "\n".join(lines)
