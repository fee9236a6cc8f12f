import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from signaalloket.reports.similar import similar_signals_for, similar_to
from signaalloket.signals.services import signal_create
from tests.factories import OrganisationFactory, make_user

from .conftest import bulk_signals


def test_similarity_ordering_in_plain_python():
    texts = {
        1: "misbruik subsidies rvo landbouw subsidies",
        2: "misbruik van subsidies door stromannen bij rvo",
        3: "subsidies voor landbouw",
        4: "uitbuiting van arbeidsmigranten in de bouw",
    }
    ranked = similar_to(signal_id=1, texts=texts)
    # 3 shares the rare word "landbouw" and has no other words; 2 adds "stromannen"
    assert [pk for pk, _score in ranked] == [3, 2]
    assert all(0 < score <= 1.0001 for _pk, score in ranked)


def test_cosine_matches_hand_computation():
    import math

    # df: alfa 2, beta 1, gamma 1, delta 1 (N = 3); idf = ln((1 + N) / (1 + df) + 1)
    idf_alfa, idf_rare = math.log(4 / 3 + 1), math.log(4 / 2 + 1)
    expected = idf_alfa**2 / (idf_alfa**2 + idf_rare**2)
    [(pk, score)] = similar_to(signal_id=1, texts={1: "alfa beta", 2: "alfa gamma", 3: "delta"})
    assert pk == 2 and score == pytest.approx(expected) and score == pytest.approx(0.373, abs=1e-3)


def test_more_overlap_ranks_higher():
    texts = {
        1: "witwassen via cryptomunten en vastgoed",
        2: "witwassen via cryptomunten",
        3: "witwassen",
        4: "vastgoedfraude in de zorg",
    }
    assert [pk for pk, _s in similar_to(signal_id=1, texts=texts)] == [2, 3]


@pytest.mark.django_db
def test_panel_shows_only_visible_signals_ordered(client, desk_user):
    org = OrganisationFactory()
    other_org = OrganisationFactory()
    make = lambda title, summary, lead: signal_create(  # noqa: E731
        actor=desk_user, title=title, summary=summary, lead_organisation=lead
    )
    base = make("Misbruik van zorgsubsidies", "Zorgbureaus misbruiken pgb-subsidies.", org)
    close = make("Misbruik van pgb-subsidies door zorgbureaus", "Zorgbureaus en pgb.", org)
    far = make("Zorgsubsidies", "Iets over zorg.", org)
    hidden = make("Misbruik van zorgsubsidies door zorgbureaus", "Zorgbureaus pgb.", other_org)
    unrelated = make("Drugslabs in schuren", "Boeren verhuren schuren.", org)
    submitter = make_user("submitter", organisation=org)
    result = similar_signals_for(user=submitter, signal=base)
    assert [s.pk for s in result][:2] == [close.pk, far.pk]
    assert hidden.pk not in [s.pk for s in result]
    assert unrelated.pk not in [s.pk for s in result]
    desk_result = similar_signals_for(user=desk_user, signal=base)
    assert hidden.pk in [s.pk for s in desk_result]
    client.force_login(submitter)
    page = client.get(reverse("web:signal_detail", args=[base.pk])).content.decode()
    url = reverse("reports:similar", args=[base.pk])
    # The signal page holds the section and loads the list when it scrolls into view.
    assert "Vergelijkbare signalen" in page and f'hx-get="{url}"' in page
    assert close.title not in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert close.title in fragment and hidden.title not in fragment
    assert "<html" not in fragment and "overeenkomst" in fragment
    # Without JavaScript the link opens the same list as a page of its own.
    full = client.get(url).content.decode()
    assert "<html" in full and close.title in full and hidden.title not in full
    # The list is as private as the signal: another organisation's signal does not exist.
    assert client.get(reverse("reports:similar", args=[hidden.pk])).status_code == 404


@pytest.mark.django_db
def test_panel_query_count_is_fixed(client, desk_user):
    lead = OrganisationFactory()
    signals = bulk_signals(10, title="Vastgoed", summary="witwassen via vastgoed", lead=lead)
    client.force_login(desk_user)
    url = reverse("reports:similar", args=[signals[0].pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, headers={"HX-Request": "true"}).status_code == 200
        return len(queries.captured_queries)

    count()
    small = count()
    bulk_signals(490, title="Vastgoed", summary="witwassen via vastgoed", lead=lead, start=11)
    after_change = count()  # the first view after the texts changed reads them once
    large = count()
    assert large == small
    assert after_change == small + 1


def _reference_ranking(texts: dict[int, str], pk: int) -> list[tuple[int, float]]:
    return similar_to(signal_id=pk, texts=texts, limit=len(texts))


def test_arrays_give_the_scores_of_the_reference_implementation():
    import random

    from signaalloket.reports.similar import _build

    rng = random.Random(7)
    words = ["subsidie", "witwassen", "vastgoed", "zorgbureau", "pgb", "drugslab", "schuur"]
    words += ["haven", "douane", "cryptomunten", "uitzendbureau", "stroman", "notaris"]
    corpus = [
        (pk, " ".join(rng.sample(words, 2)), " ".join(rng.choices(words, k=rng.randint(0, 12))))
        for pk in range(1, 81)
    ]
    corpus.append((81, "", ""))  # no words at all
    index = _build("r", corpus)
    texts = {pk: f"{title} {title} {summary}" for pk, title, summary in corpus}
    for pk in (1, 17, 40, 81):
        expected = _reference_ranking(texts, pk)
        got = index.ranked(pk)
        assert [p for p, _s in got] == [p for p, _s in expected]
        assert [s for _p, s in got] == pytest.approx([s for _p, s in expected])


@pytest.mark.django_db
def test_changed_title_is_picked_up_by_the_next_view(desk_user):
    from signaalloket.signals.services import signal_update

    org = OrganisationFactory()
    base = signal_create(actor=desk_user, title="Drugslabs in schuren", lead_organisation=org)
    other = signal_create(actor=desk_user, title="Misbruik van subsidies", lead_organisation=org)
    assert similar_signals_for(user=desk_user, signal=base) == []
    other.refresh_from_db()
    signal_update(
        signal=other, actor=desk_user, expected_version=other.version, title="Drugslabs in loodsen"
    )
    assert [s.pk for s in similar_signals_for(user=desk_user, signal=base)] == [other.pk]


@pytest.mark.django_db
def test_the_visible_ones_among_the_pool(desk_user, monkeypatch):
    """Shown: the most similar signals a user may see among the POOL most similar of all."""
    from signaalloket.reports import similar

    mine, theirs = OrganisationFactory(), OrganisationFactory()
    make = lambda title, lead: signal_create(  # noqa: E731
        actor=desk_user, title=title, lead_organisation=lead
    )
    base = make("Witwassen via vastgoed en cryptomunten", mine)
    hidden = [make("Witwassen via vastgoed en cryptomunten bij notarissen", theirs)]
    hidden.append(make("Witwassen via vastgoed", theirs))
    visible = make("Witwassen", mine)
    submitter = make_user("submitter", organisation=mine)
    assert [s.pk for s in similar_signals_for(user=submitter, signal=base)] == [visible.pk]
    monkeypatch.setattr(similar, "POOL", 2)  # the two hidden ones fill the pool
    assert similar_signals_for(user=submitter, signal=base) == []
    assert {s.pk for s in similar_signals_for(user=desk_user, signal=base)} == {
        hidden[0].pk,
        hidden[1].pk,
    }


@pytest.mark.django_db
def test_gunicorn_workers_build_the_index_before_their_first_request(desk_user):
    import importlib.util
    from pathlib import Path

    from django.conf import settings

    from signaalloket.reports import similar

    org = OrganisationFactory()
    base = signal_create(actor=desk_user, title="Witwassen via vastgoed", lead_organisation=org)
    signal_create(actor=desk_user, title="Witwassen via cryptomunten", lead_organisation=org)
    similar._current = None
    path = Path(settings.BASE_DIR) / "config" / "gunicorn.py"
    spec = importlib.util.spec_from_file_location("gunicorn_settings", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.post_worker_init(worker=None)
    assert similar._current is not None
    with CaptureQueriesContext(connection) as queries:
        assert len(similar_signals_for(user=desk_user, signal=base)) == 1
    assert not any("summary" in q["sql"] for q in queries.captured_queries)  # no corpus read
