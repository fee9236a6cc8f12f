"""docs/architecture.md's worked example: a new transition is one line in workflow.py.

The line is added to the table at run time (nothing else is patched) and the whole
application follows: the signal page offers it, signal_transition takes it, the effects
run, the notification goes out and the timeline tells it.
"""

import pytest
from django.urls import reverse

from signaalloket.deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from signaalloket.notifications.models import Notification
from signaalloket.signals import workflow
from signaalloket.signals.models import StateChange
from signaalloket.signals.states import State
from signaalloket.signals.workflow import DESK, STOPPED, WITHDRAWN, T
from tests.builders import build_signal

pytestmark = pytest.mark.django_db

NEW_LINE = T(
    State.OFFERED,
    State.WITHDRAWN,
    DESK,
    "Intrekken",
    reason=True,
    effects=STOPPED,
    notify=WITHDRAWN,
)


@pytest.fixture
def table_with_the_new_line(monkeypatch):
    transitions = (*workflow.TRANSITIONS, NEW_LINE)
    monkeypatch.setattr(workflow, "TRANSITIONS", transitions)
    monkeypatch.setattr(workflow, "_BY_EDGE", {(t.source, t.target): t for t in transitions})


def _offered(cast):
    return build_signal(
        desk=cast.desk_staff, state=State.OFFERED, lead=cast.lead, offices=[cast.office]
    )


def test_without_the_line_an_offered_signal_cannot_be_withdrawn(client, cast, open_guards):
    signal = _offered(cast)
    client.force_login(cast.desk_staff)
    page = client.get(reverse("web:signal_detail", args=[signal.pk])).content.decode()
    assert 'value="withdrawn"' not in page
    client.post(
        reverse("web:signal_transition", args=[signal.pk]), {"to": "withdrawn", "reason": "x"}
    )
    signal.refresh_from_db()
    assert signal.state == State.OFFERED


def test_with_the_line_the_application_follows(
    client, cast, open_guards, table_with_the_new_line, django_capture_on_commit_callbacks
):
    signal = _offered(cast)
    client.force_login(cast.desk_staff)
    page = client.get(reverse("web:signal_detail", args=[signal.pk])).content.decode()
    assert 'value="withdrawn"' in page  # the button, with its reason field

    client.force_login(cast.submitter)  # not in the line's roles: no button, and refused
    page = client.get(reverse("web:signal_detail", args=[signal.pk])).content.decode()
    assert 'value="withdrawn"' not in page

    client.force_login(cast.desk_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("web:signal_transition", args=[signal.pk]),
            {
                "to": "withdrawn",
                "reason": "De indieners trekken het signaal in.",
                "expected_state": "offered",
            },
        )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.state == State.WITHDRAWN
    change = StateChange.objects.get(signal=signal, to_state=State.WITHDRAWN)
    assert change.reason == "De indieners trekken het signaal in."
    response_deadline = Deadline.objects.get(signal=signal, kind=DeadlineKind.RESPONSE)
    assert response_deadline.status == DeadlineStatus.WAIVED  # the stop_clock effect
    told = set(
        Notification.objects.filter(signal=signal, kind=WITHDRAWN.kind).values_list(
            "recipient", flat=True
        )
    )
    assert {cast.submitter.pk, cast.official.pk} <= told
    page = client.get(reverse("web:signal_detail", args=[signal.pk])).content.decode()
    assert "De indieners trekken het signaal in." in page  # the timeline
