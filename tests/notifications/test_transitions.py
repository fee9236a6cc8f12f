import pytest

from signaalloket.notifications.models import Notification
from signaalloket.signals.services import signal_transition
from signaalloket.signals.states import State
from tests.procedure.helpers import make_world, walk, world_signal

pytestmark = pytest.mark.django_db


def recipients(kind) -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def test_withdrawal_by_submitter_tells_desk_and_officials(
    desk_user, django_capture_on_commit_callbacks
):
    world = make_world(desk_user)
    signal = walk(world_signal(world), desk_user, State.DRAFTING, State.FACT_CHECK)
    with django_capture_on_commit_callbacks(execute=True):
        signal_transition(
            signal=signal, actor=world.submitter, to=State.WITHDRAWN, reason="Geen draagvlak"
        )
    # the actor is not told about their own step
    assert recipients("withdrawn") == {desk_user.pk} | {o.pk for o in world.officials}


def test_officials_not_told_before_fact_check(desk_user, django_capture_on_commit_callbacks):
    world = make_world(desk_user)
    signal = walk(world_signal(world), desk_user, State.DRAFTING)
    with django_capture_on_commit_callbacks(execute=True):
        signal_transition(signal=signal, actor=desk_user, to=State.WITHDRAWN, reason="Gestopt")
    assert recipients("withdrawn") == {world.submitter.pk}


def test_not_pursued_tells_submitters(desk_user, django_capture_on_commit_callbacks):
    world = make_world(desk_user)
    signal = world_signal(world)
    with django_capture_on_commit_callbacks(execute=True):
        signal_transition(signal=signal, actor=desk_user, to=State.NOT_PURSUED, reason="Incident")
    assert recipients("not_pursued") == {world.submitter.pk}
    (message,) = Notification.objects.filter(kind="not_pursued")
    assert signal.reference in message.text and signal.title not in message.text


def test_without_contact_persons_all_members_are_told(
    desk_user, django_capture_on_commit_callbacks
):
    world = make_world(desk_user, ministries=2)
    signal = world_signal(world, contacts=False)
    signal.submitters.update(contact_person=None)
    with django_capture_on_commit_callbacks(execute=True):
        walk(signal, desk_user, State.DRAFTING, State.FACT_CHECK)
    assert recipients("fact_check_started") == {world.submitter.pk, world.rep.pk} | {
        o.pk for o in world.officials
    }
