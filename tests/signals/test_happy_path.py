import pytest

from signaalloket.audit.services import audit_chain_verify
from signaalloket.deadlines.models import Deadline
from signaalloket.signals.models import StateChange
from signaalloket.signals.states import State
from tests.builders import build_signal


@pytest.mark.django_db
def test_signal_walks_to_effect_inquiry_with_deadlines(desk_user):
    signal = build_signal(desk=desk_user, state=State.EFFECT_INQUIRY)
    assert signal.state == State.EFFECT_INQUIRY
    assert signal.reference.startswith("BS-")
    kinds = dict(Deadline.objects.filter(signal=signal).values_list("kind", "status"))
    assert kinds == {"response": "met", "effect_inquiry": "met", "effect_answer": "open"}
    assert StateChange.objects.filter(signal=signal).count() == 7
    assert audit_chain_verify() is None


@pytest.mark.django_db
def test_refusals_speak_the_users_language(desk_user):
    from django.utils import translation

    from signaalloket.core.errors import TransitionRefused
    from signaalloket.signals.services import signal_transition

    signal = build_signal(desk=desk_user, state=State.INTAKE)
    with translation.override("en"), pytest.raises(TransitionRefused) as refused:
        signal_transition(signal=signal, actor=desk_user, to=State.CLOSED)
    assert refused.value.message.startswith("The signal cannot move from")
    with pytest.raises(TransitionRefused) as refused:
        signal_transition(signal=signal, actor=desk_user, to=State.CLOSED)
    assert refused.value.message == "Van 'Verkenning' kan het signaal niet naar 'Afgesloten'."
