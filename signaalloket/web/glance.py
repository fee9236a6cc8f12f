"""The top of the signal page: where the procedure stands, what happens next, who must act.

Pure reading: everything comes from the workflow table (signals/workflow.py: STATES for the
text, who acts and the links; TRANSITIONS for the actions) and the data the signal page
loads, plus a fixed number of queries (guards, last state change).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from signaalloket.accounts.roles import Role
from signaalloket.signals import workflow
from signaalloket.signals.permissions import transition_open_to
from signaalloket.signals.states import FINAL_STATES, MAIN_PATH, State

DESK = workflow.DESK


@dataclass
class Link:
    url: str
    label: str


@dataclass
class Step:
    state: State
    number: int
    status: str  # "done", "current", "todo", or "stopped" (where a side exit left the path)


@dataclass
class Action:
    transition: workflow.Transition
    blockers: list[str]
    forward: bool  # along the main path (the primary action)
    # Failing guards with `unless_reason`: the step is open, but only with a reason.
    overridable: list[str] = field(default_factory=list)

    @property
    def target(self) -> str:
        return self.transition.target

    @property
    def label(self) -> str:
        return str(self.transition.label)

    @property
    def requires_reason(self) -> bool:
        return self.transition.requires_reason or bool(self.overridable)


@dataclass
class Glance:
    steps: list[Step]
    exit_state: State | None  # a side exit (not pursued, withdrawn)
    next_text: str
    actors: list[str]
    your_turn: bool
    blockers: list[str]  # what is still missing before the procedure can move on
    actions: list[Action] = field(default_factory=list)
    next_deadline: object | None = None
    is_final: bool = False
    links: list[Link] = field(default_factory=list)

    @property
    def forward_actions(self) -> list[Action]:
        return [a for a in self.actions if a.forward]

    @property
    def other_actions(self) -> list[Action]:
        return [a for a in self.actions if not a.forward]


def _names(roles: frozenset) -> list[str]:
    """Who must act, in words: "het loket", "de indieners", ..."""
    names = []
    if roles & DESK:
        names.append(str(_("het loket")))
    if Role.SUBMITTER in roles:
        names.append(str(_("de indieners")))
    elif Role.STRATEGIC_REP in roles:
        names.append(str(_("de strategisch vertegenwoordigers van de indieners")))
    if Role.OFFICIAL in roles:
        names.append(str(_("de ministeries")))
    return names


def _steps(signal) -> tuple[list[Step], State | None]:
    state = State(signal.state)
    exit_state = None
    if state in MAIN_PATH:
        reached = MAIN_PATH.index(state)
    else:
        exit_state = state
        last = signal.state_changes.order_by("-created_at", "-id").first()
        source = State(last.from_state) if last and last.from_state in MAIN_PATH else State.INTAKE
        reached = MAIN_PATH.index(source)
    steps = []
    for i, s in enumerate(MAIN_PATH):
        if exit_state is not None:
            status = "done" if i < reached else ("stopped" if i == reached else "todo")
        elif i < reached or state == State.CLOSED:
            status = "done" if s != State.CLOSED else "current"
        else:
            status = "current" if i == reached else "todo"
        steps.append(Step(state=s, number=i + 1, status=status))
    return steps, exit_state


def signal_glance(*, signal, roles: frozenset[str], deadlines=None) -> Glance:
    """Everything the top of the signal page shows, for a user with `roles` on this signal."""
    state = State(signal.state)
    steps, exit_state = _steps(signal)
    info = workflow.STATES[state]
    next_text, responsible = info.next_text, info.acts_next

    forward = None
    if state in MAIN_PATH and state != State.CLOSED:
        forward = workflow.find(state, MAIN_PATH[MAIN_PATH.index(state) + 1])
    forward_failed = workflow.failed_guards(forward, signal) if forward else []
    blockers = [str(g.message) for g in forward_failed]
    if forward and not blockers:
        # Nothing is missing: whoever takes the next step is at turn (usually the desk).
        responsible = forward.roles - {workflow.SYSTEM}

    actions = []
    for t in workflow.outgoing(state):
        if not transition_open_to(roles, t):
            continue
        failed = forward_failed if t is forward else workflow.failed_guards(t, signal)
        actions.append(
            Action(
                transition=t,
                blockers=[str(g.message) for g in failed if not g.unless_reason],
                forward=t is forward,
                overridable=[str(g.message) for g in failed if g.unless_reason],
            )
        )

    links = []
    if blockers or state not in (State.EFFECT_INQUIRY,):
        for target, label, who in info.links:
            if not (who & roles):
                continue
            if target.startswith("#"):
                links.append(Link(url=target, label=str(label)))
                continue
            try:
                links.append(Link(url=reverse(target, args=[signal.pk]), label=str(label)))
            except NoReverseMatch:  # the page is not there (yet)
                continue

    open_deadlines = [d for d in (deadlines or []) if d.status == "open"]
    next_deadline = min(open_deadlines, key=lambda d: d.due_date) if open_deadlines else None

    return Glance(
        steps=steps,
        exit_state=exit_state,
        next_text=str(next_text),
        actors=_names(responsible),
        your_turn=bool(responsible & roles),
        blockers=blockers,
        actions=actions,
        next_deadline=next_deadline,
        is_final=state in FINAL_STATES,
        links=links,
    )
