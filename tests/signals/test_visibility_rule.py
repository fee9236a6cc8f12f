"""The visibility rule of dependent models (visible_signal) is built once per request and
shared by every queryset that uses it; sharing must not change what anyone sees."""

import pytest

from signaalloket.accounts.models import User
from signaalloket.deadlines.models import Deadline
from signaalloket.signals.querysets import visible_signal
from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.factories import OrganisationFactory


@pytest.fixture
def two_signals(cast, open_guards):
    own = build_signal(
        desk=cast.desk_staff, state=State.OFFERED, lead=cast.lead, offices=[cast.office]
    )
    other = build_signal(
        desk=cast.desk_staff, state=State.OFFERED, lead=OrganisationFactory(), offices=[cast.office]
    )
    return own, other


def _signals(queryset) -> set[int]:
    return set(queryset.values_list("signal_id", flat=True))


@pytest.mark.django_db
def test_one_rule_per_request_used_by_many_querysets(cast, two_signals):
    own, other = two_signals
    user = cast.submitter
    assert visible_signal(user) is visible_signal(user)  # built once for this request
    assert visible_signal(user, "deadline__signal") is not visible_signal(user)
    for _ in range(3):  # used again and again, alone and combined, it keeps its meaning
        assert _signals(Deadline.objects.visible_to(user)) == {own.pk}
        assert not Deadline.objects.visible_to(user).filter(signal=other).exists()
        combined = Deadline.objects.visible_to(user).filter(kind="response") | (
            Deadline.objects.visible_to(user).filter(signal=other)
        )
        assert _signals(combined) == {own.pk}
    # the official sees both (addressed, offered); the other submitter neither
    assert _signals(Deadline.objects.visible_to(cast.official)) == {own.pk, other.pk}
    assert _signals(Deadline.objects.visible_to(cast.other_submitter)) == set()


@pytest.mark.django_db
def test_the_next_request_builds_the_rule_again(cast, two_signals):
    own, _other = two_signals
    user = cast.submitter
    assert _signals(Deadline.objects.visible_to(user)) == {own.pk}
    user.memberships.update(is_active=False)  # access withdrawn between two requests
    next_request = User.objects.get(pk=user.pk)
    assert visible_signal(next_request) is not visible_signal(user)
    assert _signals(Deadline.objects.visible_to(next_request)) == set()
