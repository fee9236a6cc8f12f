import pytest
from django.urls import reverse

from signaalloket.core.errors import Conflict, NotAllowed, ValidationFailed
from signaalloket.drafting.models import Comment, DraftVersion
from signaalloket.drafting.services import (
    comment_add,
    comment_reopen,
    comment_resolve,
    draft_save,
)
from signaalloket.signals.services import signal_transition
from signaalloket.signals.services.participants import submitter_add
from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.factories import OrganisationFactory, make_user, ministry_organisation

from .helpers import full_texts


@pytest.fixture
def setting(desk_user):
    lead, co = OrganisationFactory(), OrganisationFactory()
    signal = build_signal(desk=desk_user, state=State.DRAFTING, lead=lead)
    submitter_add(signal=signal, actor=desk_user, organisation=co)
    office = signal.addressees.get().office
    return {
        "signal": signal,
        "desk": desk_user,
        "lead": make_user("submitter", organisation=lead),
        "co": make_user("submitter", organisation=co),
        "official": make_user("official", organisation=ministry_organisation(office.ministry)),
        "outsider": make_user("submitter"),
    }


@pytest.mark.django_db
def test_comment_visibility_per_role(setting):
    signal, desk = setting["signal"], setting["desk"]
    internal = comment_add(
        signal=signal, actor=desk, section_key="aanleiding", body="Intern", visibility="internal"
    )
    shared = comment_add(
        signal=signal, actor=desk, section_key="aanleiding", body="Gedeeld", visibility="shared"
    )
    reply = comment_add(
        signal=signal,
        actor=setting["co"],
        section_key="aanleiding",
        body="Antwoord",
        visibility="shared",
        parent=shared,
    )
    assert set(Comment.objects.visible_to(desk)) == {internal, shared, reply}
    assert set(Comment.objects.visible_to(setting["lead"])) == {shared, reply}
    assert set(Comment.objects.visible_to(setting["co"])) == {shared, reply}
    assert not Comment.objects.visible_to(setting["official"]).exists()  # before fact check
    assert not Comment.objects.visible_to(setting["outsider"]).exists()
    with pytest.raises(NotAllowed):
        comment_add(
            signal=signal,
            actor=setting["lead"],
            section_key="aanleiding",
            body="x",
            visibility="internal",
        )
    with pytest.raises(NotAllowed):
        comment_add(signal=signal, actor=setting["official"], section_key="titel", body="x")
    with pytest.raises(ValidationFailed):  # a shared reply would leak an internal thread
        comment_add(
            signal=signal,
            actor=desk,
            section_key="aanleiding",
            body="x",
            visibility="shared",
            parent=internal,
        )
    with pytest.raises(ValidationFailed):
        comment_add(signal=signal, actor=desk, section_key="bestaat-niet", body="x")


@pytest.mark.django_db
def test_officials_from_fact_check_see_shared_comments_and_latest_version_only(setting):
    signal, desk = setting["signal"], setting["desk"]
    draft_save(signal=signal, actor=desk, texts=full_texts(signal, titel="Een"), expected_number=0)
    draft_save(signal=signal, actor=desk, texts=full_texts(signal, titel="Twee"), expected_number=1)
    internal = comment_add(
        signal=signal, actor=desk, section_key="titel", body="Intern", visibility="internal"
    )
    shared = comment_add(signal=signal, actor=desk, section_key="titel", body="Gedeeld")
    signal = signal_transition(signal=signal, actor=desk, to=State.FACT_CHECK)
    official = setting["official"]
    assert list(Comment.objects.visible_to(official)) == [shared]
    assert [v.number for v in DraftVersion.objects.visible_to(official)] == [2]
    assert [v.number for v in DraftVersion.objects.visible_to(setting["co"])] == [2, 1]
    assert internal not in Comment.objects.visible_to(official)
    # officials may join the shared discussion during fact check
    comment_add(signal=signal, actor=official, section_key="titel", body="Vraag van BZK")


@pytest.mark.django_db
def test_official_pages_hide_internal_comments_and_history(client, setting):
    signal, desk = setting["signal"], setting["desk"]
    draft_save(signal=signal, actor=desk, texts=full_texts(signal, titel="Een"), expected_number=0)
    draft_save(signal=signal, actor=desk, texts=full_texts(signal, titel="Twee"), expected_number=1)
    comment_add(
        signal=signal, actor=desk, section_key="titel", body="GEHEIM-INTERN", visibility="internal"
    )
    signal_transition(signal=signal, actor=desk, to=State.FACT_CHECK)
    client.force_login(setting["official"])
    page = client.get(reverse("drafting:editor", args=[signal.pk])).content.decode()
    assert "GEHEIM-INTERN" not in page
    assert "Twee" in page
    assert client.get(reverse("drafting:version_detail", args=[signal.pk, 1])).status_code == 404
    assert client.get(reverse("drafting:version_detail", args=[signal.pk, 2])).status_code == 200
    response = client.get(
        reverse("drafting:version_compare", args=[signal.pk]), {"van": 1, "naar": 2}
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_resolve_and_reopen(setting):
    signal, desk = setting["signal"], setting["desk"]
    comment = comment_add(signal=signal, actor=setting["lead"], section_key="titel", body="Vraag")
    with pytest.raises(NotAllowed):
        comment_resolve(comment=comment, actor=setting["co"], expected_version=1)
    comment = comment_resolve(comment=comment, actor=setting["lead"], expected_version=1)
    assert comment.resolved_at and comment.resolved_by == setting["lead"]
    with pytest.raises(Conflict):
        comment_reopen(comment=comment, actor=desk, expected_version=1)
    comment = comment_reopen(comment=comment, actor=desk, expected_version=2)
    assert comment.resolved_at is None


@pytest.mark.django_db
def test_comment_pages(client, setting):
    signal = setting["signal"]
    client.force_login(setting["lead"])
    url = reverse("drafting:comment_create", args=[signal.pk])
    response = client.post(
        url,
        {"section_key": "titel", "body": "<img src=x onerror=alert(1)>", "visibility": "shared"},
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    page = client.get(reverse("drafting:editor", args=[signal.pk])).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img src=x" not in page
    response = client.post(
        reverse("drafting:comment_state", args=[signal.pk, comment.pk, "afhandelen"]),
        {"expected_version": "1"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.resolved_at is not None
    client.force_login(setting["outsider"])
    assert client.post(url, {"section_key": "titel", "body": "x"}).status_code == 404


@pytest.mark.django_db
def test_the_resolve_button_is_shown_only_to_who_may_resolve(client, setting):
    """may_resolve_comment decides the button as it decides the POST (was: shown, then 403)."""
    signal = setting["signal"]
    comment = comment_add(signal=signal, actor=setting["lead"], section_key="titel", body="Vraag")
    action = reverse("drafting:comment_state", args=[signal.pk, comment.pk, "afhandelen"])
    for who, shown in (("lead", True), ("desk", True), ("co", False)):
        client.force_login(setting[who])
        page = client.get(reverse("drafting:editor", args=[signal.pk])).content.decode()
        assert (action in page) is shown, who
    assert client.post(action, {"expected_version": "1"}).status_code == 403
