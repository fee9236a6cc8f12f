from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    INTAKE = "intake", _("Verkenning")
    DRAFTING = "drafting", _("Opstellen")
    FACT_CHECK = "fact_check", _("Ambtelijk overleg")
    DECISION = "decision", _("Besluit indiening")
    OFFERED = "offered", _("Aangeboden")
    RESPONSE_RECEIVED = "response_received", _("Reactie ontvangen")
    RESPONSE_DELIVERED = "response_delivered", _("Reactie aangeboden")
    EFFECT_INQUIRY = "effect_inquiry", _("Effectmeting")
    CLOSED = "closed", _("Afgesloten")
    NOT_PURSUED = "not_pursued", _("Niet doorgezet")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


MAIN_PATH = [
    State.INTAKE,
    State.DRAFTING,
    State.FACT_CHECK,
    State.DECISION,
    State.OFFERED,
    State.RESPONSE_RECEIVED,
    State.RESPONSE_DELIVERED,
    State.EFFECT_INQUIRY,
    State.CLOSED,
]


def main_path_from(state: State) -> frozenset[State]:
    """`state` and every later state of the main path."""
    return frozenset(MAIN_PATH[MAIN_PATH.index(state) :])


# State groups: defined here once, used everywhere a rule depends on a set of states.
FINAL_STATES = frozenset({State.CLOSED, State.NOT_PURSUED, State.WITHDRAWN})
OPEN_STATES = frozenset(State) - FINAL_STATES
# States in which no procedure deadline runs (the clock stops; open deadlines are waived).
CLOCK_STOPPED_STATES = FINAL_STATES
# Before the signal is offered: the text, submitters and addressees may still change, and
# the submitters may withdraw it.
PRE_OFFER = (State.INTAKE, State.DRAFTING, State.FACT_CHECK, State.DECISION)
# From these states on, officials of addressed ministries may see the signal.
OFFICIAL_VISIBLE_STATES = main_path_from(State.FACT_CHECK)
