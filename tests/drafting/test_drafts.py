import pytest
from django.urls import reverse

from signaalloket.audit.models import AuditEvent
from signaalloket.core.errors import Conflict, NotAllowed, TransitionRefused, ValidationFailed
from signaalloket.drafting.diff import word_diff
from signaalloket.drafting.models import DraftVersion, Format, SignalFormat
from signaalloket.drafting.selectors import draft_ready_for_fact_check, format_for_signal
from signaalloket.drafting.services import draft_save, format_create_version, pii_dismiss
from signaalloket.signals.services import signal_transition
from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.factories import make_user

from .helpers import full_texts


@pytest.mark.django_db
def test_default_format_from_migration():
    fmt = Format.objects.get(is_current=True)
    titles = [s.title for s in fmt.sections.all()]
    assert titles[0] == "Titel"
    assert "Het structurele knelpunt" in titles
    assert titles[-1] == "Bijlagen"
    assert len(titles) == 10
    assert all(s.guidance for s in fmt.sections.all())


@pytest.mark.django_db
def test_new_format_version_signal_keeps_its_version(desk_user, desk_manager):
    started = build_signal(desk=desk_user, state=State.DRAFTING)
    draft_save(signal=started, actor=desk_user, texts={"titel": "Eerste"}, expected_number=0)
    old = format_for_signal(started)
    with pytest.raises(NotAllowed):
        format_create_version(actor=desk_user, sections=[{"title": "X"}])
    new = format_create_version(
        actor=desk_manager,
        sections=[
            {"key": "titel", "title": "Titel", "guidance": "Kort", "required": True},
            {"title": "Nieuw onderdeel", "guidance": "", "required": False},
        ],
        note="Korter format",
    )
    assert new.number == old.number + 1 and new.is_current
    assert not Format.objects.get(pk=old.pk).is_current
    assert format_for_signal(started) == old
    fresh = build_signal(desk=desk_user, state=State.DRAFTING)
    assert format_for_signal(fresh) == new
    assert [s.key for s in new.sections.all()] == ["titel", "nieuw-onderdeel"]


@pytest.mark.django_db
def test_each_save_is_a_version_with_optimistic_locking(desk_user):
    signal = build_signal(desk=desk_user, state=State.DRAFTING)
    submitter = make_user("submitter", organisation=signal.submitters.get().organisation)
    v1 = draft_save(signal=signal, actor=submitter, texts={"titel": "Een"}, expected_number=0)
    v2 = draft_save(signal=signal, actor=desk_user, texts={"titel": "Twee"}, expected_number=1)
    assert (v1.number, v1.author, v2.number, v2.author) == (1, submitter, 2, desk_user)
    assert SignalFormat.objects.filter(signal=signal).count() == 1
    with pytest.raises(Conflict):  # stale: started from version 1
        draft_save(signal=signal, actor=submitter, texts={"titel": "Oud"}, expected_number=1)
    assert DraftVersion.objects.filter(signal=signal).count() == 2
    assert DraftVersion.objects.get(signal=signal, number=2).texts["titel"] == "Twee"
    with pytest.raises(ValidationFailed):  # nothing changed
        draft_save(signal=signal, actor=desk_user, texts={"titel": "Twee"}, expected_number=2)
    with pytest.raises(RuntimeError):
        v1.save()
    assert AuditEvent.objects.filter(event_type="draft.saved", signal=signal).count() == 2


@pytest.mark.django_db
def test_five_megabyte_paste_is_refused(desk_user):
    signal = build_signal(desk=desk_user, state=State.DRAFTING)
    with pytest.raises(ValidationFailed) as info:
        draft_save(
            signal=signal, actor=desk_user, texts={"aanleiding": "x" * 5_000_000}, expected_number=0
        )
    assert "te lang" in info.value.message and "Aanleiding" in info.value.message
    assert not DraftVersion.objects.exists()


@pytest.mark.django_db
def test_others_may_not_edit(desk_user):
    signal = build_signal(desk=desk_user, state=State.DRAFTING)
    with pytest.raises(NotAllowed):
        draft_save(signal=signal, actor=make_user("submitter"), texts={}, expected_number=0)


def test_word_diff():
    pieces = word_diff("De vergunning wordt misbruikt.", "De subsidie wordt vaak misbruikt.")
    assert ("delete", "vergunning") in pieces
    assert ("insert", "subsidie") in pieces
    assert ("insert", "vaak ") in pieces
    assert "".join(t for op, t in pieces if op != "insert") == "De vergunning wordt misbruikt."
    assert "".join(t for op, t in pieces if op != "delete") == "De subsidie wordt vaak misbruikt."


@pytest.mark.django_db
def test_guard_requires_required_sections_and_no_open_findings(desk_user):
    signal = build_signal(desk=desk_user, state=State.DRAFTING)
    assert not draft_ready_for_fact_check(signal)
    draft_save(
        signal=signal,
        actor=desk_user,
        texts=full_texts(signal, aanleiding=""),
        expected_number=0,
    )
    assert not draft_ready_for_fact_check(signal)
    with pytest.raises(TransitionRefused):
        signal_transition(signal=signal, actor=desk_user, to=State.FACT_CHECK)
    draft_save(
        signal=signal,
        actor=desk_user,
        texts=full_texts(signal, aanleiding="Onderzoek; contact via 0612345678."),
        expected_number=1,
    )
    assert not draft_ready_for_fact_check(signal)
    from signaalloket.drafting.pii import scan_text

    finding = scan_text("aanleiding", "Onderzoek; contact via 0612345678.")[0]
    with pytest.raises(NotAllowed):
        pii_dismiss(
            signal=signal,
            actor=make_user("submitter", organisation=signal.submitters.get().organisation),
            section_key="aanleiding",
            fingerprint=finding.fingerprint,
            kind=finding.kind,
            reason="x",
        )
    with pytest.raises(ValidationFailed):
        pii_dismiss(
            signal=signal,
            actor=desk_user,
            section_key="aanleiding",
            fingerprint=finding.fingerprint,
            kind=finding.kind,
            reason=" ",
        )
    pii_dismiss(
        signal=signal,
        actor=desk_user,
        section_key="aanleiding",
        fingerprint=finding.fingerprint,
        kind=finding.kind,
        reason="Algemeen nummer van de meldlijn",
    )
    assert AuditEvent.objects.filter(event_type="draft.pii_false_positive").exists()
    # the dismissal survives a re-scan of a later version with the number moved elsewhere
    draft_save(
        signal=signal,
        actor=desk_user,
        texts=full_texts(signal, aanleiding="Meldlijn 06-12345678 is landelijk."),
        expected_number=2,
    )
    assert draft_ready_for_fact_check(signal)
    signal = signal_transition(signal=signal, actor=desk_user, to=State.FACT_CHECK)
    assert signal.state == State.FACT_CHECK


@pytest.mark.django_db
def test_editor_page_save_conflict_and_big_paste(client, desk_user):
    signal = build_signal(desk=desk_user, state=State.DRAFTING)
    client.force_login(desk_user)
    url = reverse("drafting:editor", args=[signal.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Het structurele knelpunt" in page.content.decode()
    response = client.post(
        url, {"expected_number": "0", "section-titel": "<script>alert('x')</script>"}
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    # stale form: nothing overwritten, message shown, posted text kept in the form
    response = client.post(url, {"expected_number": "0", "section-titel": "Mijn tekst"})
    assert response.status_code == 409
    assert "intussen opgeslagen" in response.content.decode()
    assert "Mijn tekst" in response.content.decode()
    assert DraftVersion.objects.filter(signal=signal).count() == 1
    # a 5 MB paste: clear Dutch message, nothing stored, no 500
    response = client.post(url, {"expected_number": "1", "section-aanleiding": "x" * 5_000_000})
    assert response.status_code == 400
    assert "te groot" in response.content.decode() or "te lang" in response.content.decode()
    assert DraftVersion.objects.filter(signal=signal).count() == 1


@pytest.mark.django_db
def test_section_over_limit_through_page(client, desk_user, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000_000
    signal = build_signal(desk=desk_user, state=State.DRAFTING)
    client.force_login(desk_user)
    url = reverse("drafting:editor", args=[signal.pk])
    response = client.post(url, {"expected_number": "0", "section-aanleiding": "x" * 5_000_000})
    assert response.status_code == 400
    assert "is te lang" in response.content.decode()
    assert not DraftVersion.objects.exists()


@pytest.mark.django_db
def test_versions_diff_page_escapes_html(client, desk_user):
    signal = build_signal(desk=desk_user, state=State.DRAFTING)
    draft_save(
        signal=signal, actor=desk_user, texts={"titel": "Oude <b>titel</b>"}, expected_number=0
    )
    draft_save(
        signal=signal, actor=desk_user, texts={"titel": "Nieuwe <b>titel</b>"}, expected_number=1
    )
    client.force_login(desk_user)
    page = client.get(reverse("drafting:version_list", args=[signal.pk]))
    assert page.status_code == 200
    response = client.get(
        reverse("drafting:version_compare", args=[signal.pk]), {"van": 1, "naar": 2}
    )
    html = response.content.decode()
    assert "<del>Oude</del>" in html and "<ins>Nieuwe</ins>" in html
    assert "&lt;b&gt;" in html and "<b>titel" not in html
    detail = client.get(reverse("drafting:version_detail", args=[signal.pk, 1]))
    assert "Oude &lt;b&gt;titel&lt;/b&gt;" in detail.content.decode()
    assert client.get(reverse("drafting:version_detail", args=[signal.pk, 9])).status_code == 404
