import datetime as dt

import pytest
import time_machine

from signaalloket.procedure.selectors import contribution_progress, overdue, with_overdue
from signaalloket.signals.models import Addressee, Signal
from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.factories import MinistryFactory, OfficeFactory

from .helpers import at

pytestmark = pytest.mark.django_db


def test_overdue_helpers(desk_user):
    with time_machine.travel(at(2026, 1, 5), tick=False):
        late = build_signal(desk=desk_user, state=State.OFFERED)
        answered = build_signal(desk=desk_user, state=State.RESPONSE_RECEIVED)
        fresh = build_signal(desk=desk_user, state=State.DRAFTING)
    with time_machine.travel(at(2026, 4, 5), tick=False):  # the due date itself: not late
        assert not overdue().exists()
    with time_machine.travel(at(2026, 4, 6), tick=False):
        assert list(overdue()) == [late]
        flags = dict(with_overdue(Signal.objects.all()).values_list("pk", "is_overdue"))
        assert flags == {late.pk: True, answered.pk: False, fresh.pk: False}
        assert list(overdue(Signal.objects.filter(pk=fresh.pk))) == []
    assert overdue(day=dt.date(2026, 1, 6)).count() == 0


def test_contribution_progress_is_per_ministry():
    ministry, other = MinistryFactory.build(pk=1), MinistryFactory.build(pk=2)

    def addressee(m, status):
        office = OfficeFactory.build(ministry=m)
        office.ministry_id = m.pk
        return Addressee(office=office, contribution_status=status)

    rows = [
        addressee(ministry, "contributed"),
        addressee(ministry, "working"),  # the same ministry: not yet complete
        addressee(other, "contributed"),
    ]
    progress = contribution_progress(rows)
    assert (progress.contributed, progress.total, progress.complete) == (1, 2, False)
    assert contribution_progress([]).total == 0
