"""get_FOO_display() through ChoiceLabels: the label in the active language, cached per field."""

from django.utils import translation

from signaalloket.deadlines.models import Deadline
from signaalloket.signals.models import Signal, StateChange


def test_label_follows_the_active_language():
    signal = Signal(state="offered", confidentiality="confidential")
    with translation.override("nl"):
        assert signal.get_state_display() == "Aangeboden"
        assert signal.get_confidentiality_display() == "Vertrouwelijk"
    with translation.override("en"):
        assert signal.get_state_display() == "Offered"


def test_every_choice_field_of_a_model_gets_its_own_labels():
    deadline = Deadline(kind="response", status="open")
    with translation.override("nl"):
        assert deadline.get_kind_display() != deadline.get_status_display()
        assert deadline.get_status_display() == str(
            Deadline._meta.get_field("status").choices[0][1]
        )


def test_unknown_value_is_shown_as_it_is_stored():
    assert Signal(state="onbekend").get_state_display() == "onbekend"
    assert Signal(state=None).get_state_display() is None


def test_abstract_base_models_get_it_too():
    with translation.override("nl"):
        assert StateChange(to_state="closed").get_to_state_display() == "Afgesloten"
