import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from signaalloket.documents.services import document_upload
from signaalloket.reports import search_index
from signaalloket.reports.models import SearchEntry
from signaalloket.reports.search import search
from signaalloket.reports.search_index import search_index_rebuild
from signaalloket.signals.services import signal_create, signal_update
from tests.builders import build_signal
from tests.factories import OfficeFactory, OrganisationFactory, make_user, ministry_organisation

from .conftest import bulk_signals


@pytest.fixture(autouse=True)
def reindex_at_once(monkeypatch):
    """A test's transaction never commits: these tests of the search reindex at once (when
    the index is written is tested in test_search_index_after_commit.py)."""
    monkeypatch.setattr(search_index, "_after_commit", lambda job: job())


def _signal(desk, title, summary="", lead=None, state=None, offices=None):
    if state:
        signal = build_signal(desk=desk, state=state, lead=lead, title=title, offices=offices)
        return signal_update(
            signal=signal, actor=desk, expected_version=signal.version, summary=summary
        )
    return signal_create(
        actor=desk, title=title, summary=summary, lead_organisation=lead or OrganisationFactory()
    )


@pytest.mark.django_db
def test_ranking_title_beats_body_and_fragments_are_marked(desk_user):
    body = _signal(desk_user, "Vastgoedconstructies", "Misbruik van subsidies door stromannen.")
    title = _signal(desk_user, "Misbruik van subsidies bij RVO", "Een werkwijze.")
    _signal(desk_user, "Iets heel anders", "Geen overeenkomst hier.")
    results = search(user=desk_user, query="subsidies")
    assert [r.signal_id for r in results] == [title.pk, body.pk]
    assert results[0].rank > results[1].rank
    assert "<mark>" in results[0].title and "subsidies" in results[0].title.lower()
    assert "<mark>subsidies</mark>" in results[1].fragment.lower()


@pytest.mark.django_db
def test_matches_word_forms(desk_user):
    signal = _signal(desk_user, "Fraude met subsidies", "")
    assert [r.signal_id for r in search(user=desk_user, query="subsidie")] == [signal.pk]


@pytest.mark.django_db
def test_highlighting_escapes_html(desk_user):
    _signal(desk_user, "<b>Witwassen</b> via cryptomunten", "<script>alert(1)</script> witwassen")
    [result] = search(user=desk_user, query="witwassen")
    assert "<b>" not in result.title and "&lt;b&gt;" in result.title
    # SQLite keeps the text (escaped); PostgreSQL's parser drops tags from fragments
    assert "<script" not in result.fragment and "<mark>witwassen</mark>" in result.fragment
    assert result.fragment.replace("<mark>", "").replace("</mark>", "").count("<") == 0


@pytest.mark.django_db
def test_search_respects_permissions_exactly(desk_user):
    org_a, org_b = OrganisationFactory(), OrganisationFactory()
    office = OfficeFactory()
    a = _signal(desk_user, "Uitbuiting in de schoonmaak", lead=org_a)
    b = _signal(
        desk_user, "Uitbuiting in de bouw", lead=org_b, state="fact_check", offices=[office]
    )
    c = _signal(desk_user, "Uitbuiting in de horeca", lead=org_b)  # intake: no official sees it
    submitter_a = make_user("submitter", organisation=org_a)
    official = make_user("official", organisation=ministry_organisation(office.ministry))
    outsider = make_user("submitter")
    ids = lambda user: {r.signal_id for r in search(user=user, query="uitbuiting")}  # noqa: E731
    assert ids(desk_user) == {a.pk, b.pk, c.pk}
    assert ids(submitter_a) == {a.pk}
    assert ids(official) == {b.pk}
    assert ids(outsider) == set()


@pytest.mark.django_db
def test_document_text_is_searchable_and_follows_document_rules(desk_user):
    office = OfficeFactory()
    lead = OrganisationFactory()
    signal = build_signal(desk=desk_user, state="fact_check", lead=lead, offices=[office])
    document_upload(
        signal=signal,
        actor=desk_user,
        uploaded_file=SimpleUploadedFile(
            "notitie.txt", b"Het knelpunt zit in de vergunningverlening."
        ),
        kind="attachment",
        title="Notitie",
        confidentiality="confidential",
    )
    document_upload(
        signal=signal,
        actor=desk_user,
        uploaded_file=SimpleUploadedFile("brief.txt", b"Instemming met de vergunningverlening."),
        kind="approval_letter",
        title="Instemmingsbrief",
        confidentiality="confidential",
    )
    desk_hits = search(user=desk_user, query="vergunningverlening")
    assert {r.title.replace("<mark>", "").replace("</mark>", "") for r in desk_hits} == {
        "Notitie",
        "Instemmingsbrief",
    }
    assert {r.source for r in desk_hits} == {"document"}
    official = make_user("official", organisation=ministry_organisation(office.ministry))
    official_hits = search(user=official, query="vergunningverlening")
    # officials never see the submitters' approval letters
    assert [r.title for r in official_hits] == ["Notitie"]
    submitter = make_user("submitter", organisation=lead)
    assert len(search(user=submitter, query="vergunningverlening")) == 2


@pytest.mark.django_db
def test_index_follows_updates(desk_user):
    signal = _signal(desk_user, "Oude titel", "")
    signal_update(
        signal=signal,
        actor=desk_user,
        expected_version=signal.version,
        title="Nieuwe drugslab titel",
    )
    assert [r.signal_id for r in search(user=desk_user, query="drugslab")] == [signal.pk]
    assert search(user=desk_user, query="oude") == []
    assert SearchEntry.objects.filter(signal=signal, source="signal").count() == 1


@pytest.mark.django_db
def test_odd_queries_never_fail(desk_user):
    _signal(desk_user, "Zorgfraude", "")
    for query in ['"', "'", "AND", "a OR", "-", "*", "NEAR(", "\x00", 'zorg* "fraude', "", "   "]:
        search(user=desk_user, query=query)
    assert search(user=desk_user, query='"zorgfraude"')[0].signal_title == "Zorgfraude"


@pytest.mark.django_db
def test_search_page(client, desk_user):
    _signal(desk_user, "Zorgfraude bij pgb", "")
    client.force_login(desk_user)
    response = client.get(reverse("reports:search"), {"q": "zorgfraude"})
    assert response.status_code == 200
    assert b"<mark>Zorgfraude</mark>" in response.content


def _count(client, query):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("reports:search"), {"q": query})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_search_query_count_is_fixed(client, desk_user):
    lead = OrganisationFactory()
    bulk_signals(10, title="Mensenhandel", summary="mensenhandel in de bouw", lead=lead)
    search_index_rebuild()
    submitter = make_user("submitter", organisation=lead)
    client.force_login(submitter)
    small = _count(client, "mensenhandel")
    bulk_signals(490, title="Mensenhandel", summary="mensenhandel", lead=lead, start=11)
    search_index_rebuild()
    assert SearchEntry.objects.count() == 500
    assert _count(client, "mensenhandel") == small


@pytest.mark.django_db
def test_draft_sections_and_comments_are_searchable_with_their_own_rules(desk_user):
    from signaalloket.drafting.selectors import format_for_signal
    from signaalloket.drafting.services import comment_add, draft_save

    lead = OrganisationFactory()
    signal = signal_create(actor=desk_user, title="Leeg", lead_organisation=lead)
    fmt = format_for_signal(signal)
    key = fmt.sections.first().key
    draft_save(
        signal=signal,
        actor=desk_user,
        texts={key: "Facilitators gebruiken katvangers voor bedrijfsregistraties."},
        expected_number=0,
    )
    comment_add(signal=signal, actor=desk_user, section_key=key, body="Katvangers: bron?")
    comment_add(
        signal=signal,
        actor=desk_user,
        section_key=key,
        body="Intern: katvangers nader duiden",
        visibility="internal",
    )
    desk_sources = sorted(r.source for r in search(user=desk_user, query="katvangers"))
    assert desk_sources == ["comment", "comment", "section"]
    submitter = make_user("submitter", organisation=lead)
    hits = search(user=submitter, query="katvangers")
    assert sorted(r.source for r in hits) == ["comment", "section"]
    assert all("Intern" not in r.fragment for r in hits)


@pytest.mark.django_db
def test_reindex_command_rebuilds_from_scratch(desk_user):
    from django.core.management import call_command

    signal = _signal(desk_user, "Ondermijning in recreatieparken", "")
    SearchEntry.objects.all().delete()
    assert search(user=desk_user, query="recreatieparken") == []
    call_command("search_reindex", stdout=io.StringIO())
    assert [r.signal_id for r in search(user=desk_user, query="recreatieparken")] == [signal.pk]


@pytest.mark.django_db
def test_search_query_count_does_not_depend_on_the_sources_among_the_hits(client, desk_user):
    from signaalloket.drafting.selectors import format_for_signal
    from signaalloket.drafting.services import comment_add, draft_save

    lead = OrganisationFactory()
    _signal(desk_user, "Vastgoedfraude in de binnenstad", lead=lead)
    signal = signal_create(actor=desk_user, title="Leeg", lead_organisation=lead)
    key = format_for_signal(signal).sections.first().key
    draft_save(
        signal=signal, actor=desk_user, texts={key: "Mestfraude bij export."}, expected_number=0
    )
    comment_add(signal=signal, actor=desk_user, section_key=key, body="Mestfraude: bron?")
    document_upload(
        signal=signal,
        actor=desk_user,
        uploaded_file=SimpleUploadedFile("notitie.txt", b"Mestfraude via tussenhandel."),
        kind="attachment",
        title="Notitie",
        confidentiality="confidential",
    )
    submitter = make_user("submitter", organisation=lead)
    assert {r.source for r in search(user=submitter, query="vastgoedfraude")} == {"signal"}
    assert {r.source for r in search(user=submitter, query="mestfraude")} == {
        "section",
        "comment",
        "document",
    }
    for user in (desk_user, submitter):
        client.force_login(user)
        assert _count(client, "vastgoedfraude") == _count(client, "mestfraude")
