import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from signaalloket.deadlines.models import Deadline
from signaalloket.organisations.models import PartnerKind
from signaalloket.reports.statistics import statistics_for
from signaalloket.signals.models import Addressee, Signal, Theme
from tests.factories import MinistryFactory, OfficeFactory, OrganisationFactory, make_user

from .conftest import bulk_deadlines, bulk_signals

D = dt.date


@pytest.fixture
def figures(db):
    gemeente = PartnerKind.objects.get(code="gemeente")
    om = PartnerKind.objects.get(code="om")
    org_g = OrganisationFactory(name="Gemeente Een", partner_kind=gemeente)
    org_o = OrganisationFactory(name="OM Een", partner_kind=om)
    x = OfficeFactory(ministry=MinistryFactory(name="Ministerie X"))
    y = OfficeFactory(ministry=MinistryFactory(name="Ministerie Y"))
    s1, s2, s3, s4 = bulk_signals(4, year=2025, lead=org_g, office=x, state="response_received")
    Signal.objects.filter(pk=s1.pk).update(
        offered_on=D(2025, 1, 1), response_received_on=D(2025, 2, 1)
    )
    Signal.objects.filter(pk=s2.pk).update(
        offered_on=D(2025, 1, 10), response_received_on=D(2025, 5, 10)
    )
    Signal.objects.filter(pk=s3.pk).update(
        offered_on=D(2025, 3, 1), response_received_on=D(2025, 4, 1)
    )
    Signal.objects.filter(pk=s4.pk).update(offered_on=D(2025, 3, 1), state="offered")
    bulk_deadlines([s1], due=D(2025, 4, 1))
    bulk_deadlines([s2], due=D(2025, 4, 10))
    Addressee.objects.create(signal=s2, office=y)
    (s5,) = bulk_signals(1, year=2024, lead=org_o, office=y, start=50)
    theme = Theme.objects.create(name="Zorg")
    s1.themes.add(theme)
    s5.themes.add(theme)
    return {"org_g": org_g, "org_o": org_o}


@pytest.mark.django_db
def test_statistics_match_hand_computed_figures(figures):
    stats = statistics_for(signals=Signal.objects.all())
    assert stats.total == 5
    assert stats.per_year == [("2024", 1), ("2025", 4)]
    assert stats.per_state == [("Verkenning", 1), ("Aangeboden", 1), ("Reactie ontvangen", 3)]
    assert stats.per_ministry == [("Ministerie X", 4), ("Ministerie Y", 2)]
    assert stats.per_partner_kind == [("Gemeente", 4), ("Openbaar Ministerie", 1)]
    assert stats.per_theme == [("Zorg", 2)]
    x, y = stats.response_times
    # X: 31, 120 and 31 days; within: s1 (deadline), s3 (no deadline: offered + 3 months)
    assert (x.ministry, x.count, x.median_days, x.within_deadline, x.pending) == (
        "Ministerie X",
        3,
        31.0,
        2,
        1,
    )
    assert x.share_within == 66.7
    assert (y.ministry, y.count, y.median_days, y.within_deadline, y.share_within) == (
        "Ministerie Y",
        1,
        120.0,
        0,
        0.0,
    )


@pytest.mark.django_db
def test_all_signals_without_a_filter_give_the_figures_of_the_filtered_path(figures):
    """The desk's queryset filters nothing and skips the IN (all signal ids); the same
    signals through a filter must give exactly the same figures."""
    from signaalloket.procedure.models import EffectAnswer

    s1 = Signal.objects.order_by("pk").first()
    EffectAnswer.objects.create(
        signal=s1,
        organisation=figures["org_g"],
        outcome="law_changed",
        answered_by=make_user("submitter", organisation=figures["org_g"]),
    )
    unfiltered = statistics_for(signals=Signal.objects.all())
    filtered = statistics_for(signals=Signal.objects.filter(pk__gt=0))
    assert not Signal.objects.all().query.where and Signal.objects.filter(pk__gt=0).query.where
    assert unfiltered == filtered
    assert unfiltered.effects == [("Wet- of regelgeving is aangepast", 1)]


@pytest.mark.django_db
def test_statistics_page_desk_sees_all_others_only_their_own(client, desk_user, figures):
    client.force_login(desk_user)
    response = client.get(reverse("reports:statistics"))
    assert response.context["stats"].total == 5
    assert b'role="img"' in response.content and b"<title id=" in response.content
    assert b"<desc id=" in response.content
    submitter = make_user("submitter", organisation=figures["org_o"])
    client.force_login(submitter)
    response = client.get(reverse("reports:statistics"))
    assert response.status_code == 200
    assert response.context["stats"].total == 1
    assert "signalen die u mag zien" in response.content.decode()


@pytest.mark.django_db
def test_statistics_year_filter_and_bad_year(client, desk_user, figures):
    client.force_login(desk_user)
    assert client.get(reverse("reports:statistics"), {"jaar": "2024"}).context["stats"].total == 1
    response = client.get(reverse("reports:statistics"), {"jaar": "twintig"})
    assert response.status_code == 200 and response.context["stats"].total == 5


def test_svg_chart_is_accessible_and_escaped():
    from signaalloket.reports.charts import bar_chart

    svg = str(bar_chart(chart_id="c1", title="A & B", rows=[("<x>", 3), ("y", 1.5)]))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">A &amp; B</title>' in svg
    assert "&lt;x&gt;: 3; y: 1,5" in svg
    assert "<x>" not in svg


def _count(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("reports:statistics"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_statistics_query_count_is_fixed(client, desk_user):
    client.force_login(desk_user)
    office = OfficeFactory()
    signals = bulk_signals(10, office=office, state="offered", offered_on=D(2025, 1, 1))
    bulk_deadlines(signals, due=D(2025, 4, 1))
    small = _count(client)
    more = bulk_signals(
        490, office=OfficeFactory(), state="offered", start=11, offered_on=D(2025, 1, 1)
    )
    bulk_deadlines(more, due=D(2025, 4, 1))
    assert _count(client) == small


@pytest.mark.django_db
def test_effect_outcomes_are_counted(desk_user):
    from signaalloket.procedure.models import EffectAnswer
    from tests.factories import OrganisationFactory

    a, b, c = bulk_signals(3, state="closed")
    for signal, outcome in ((a, "law_changed"), (b, "law_changed"), (c, "no_effect")):
        EffectAnswer.objects.create(signal=signal, outcome=outcome, answered_by=desk_user)
    # Issue 17, item 5: counted per submitting organisation, so a's second organisation
    # counts too (before: signals per outcome, 2).
    EffectAnswer.objects.create(
        signal=a, organisation=OrganisationFactory(), outcome="law_changed", answered_by=desk_user
    )
    stats = statistics_for(signals=Signal.objects.all())
    assert stats.effects == [("Wet- of regelgeving is aangepast", 3), ("Geen effect", 1)]
    assert statistics_for(signals=Signal.objects.filter(pk=c.pk)).effects == [("Geen effect", 1)]


def _offer(signal, offered, received=None):
    Signal.objects.filter(pk=signal.pk).update(offered_on=offered, response_received_on=received)


def _response_times(signals):
    return {
        r.ministry: (r.count, r.median_days, r.within_deadline, r.pending)
        for r in statistics_for(signals=signals).response_times
    }


@pytest.mark.django_db
def test_response_times_use_the_latest_deadline_as_extended():
    x = OfficeFactory(ministry=MinistryFactory(name="Ministerie X"))
    extended, replaced, tie = bulk_signals(3, office=x, state="response_received")
    for signal in (extended, replaced, tie):
        _offer(signal, D(2025, 1, 10), D(2025, 4, 20))
    # extended from 10 to 30 April: the response on 20 April is within the deadline
    Deadline.objects.create(
        signal=extended,
        kind="response",
        original_due_date=D(2025, 4, 10),
        due_date=D(2025, 4, 30),
        status="met",
    )
    # a first deadline of 30 April, replaced by a later one of 10 April: the later counts
    old = Deadline.objects.create(
        signal=replaced,
        kind="response",
        original_due_date=D(2025, 4, 30),
        due_date=D(2025, 4, 30),
        status="waived",
        reason="Opnieuw aangeboden",
    )
    new = Deadline.objects.create(
        signal=replaced, kind="response", original_due_date=D(2025, 4, 10), due_date=D(2025, 4, 10)
    )
    Deadline.objects.filter(pk=old.pk).update(created_at=dt.datetime(2025, 1, 10, tzinfo=dt.UTC))
    Deadline.objects.filter(pk=new.pk).update(created_at=dt.datetime(2025, 2, 1, tzinfo=dt.UTC))
    # created at the same moment: the one created last (highest id) counts
    first = Deadline.objects.create(
        signal=tie,
        kind="response",
        original_due_date=D(2025, 4, 10),
        due_date=D(2025, 4, 10),
        status="met",
    )
    last = Deadline.objects.create(
        signal=tie, kind="response", original_due_date=D(2025, 4, 30), due_date=D(2025, 4, 30)
    )
    same = dt.datetime(2025, 1, 10, tzinfo=dt.UTC)
    Deadline.objects.filter(pk__in=[first.pk, last.pk]).update(created_at=same)
    assert _response_times(Signal.objects.all()) == {"Ministerie X": (3, 100.0, 2, 0)}
    assert _response_times(Signal.objects.filter(pk=replaced.pk))["Ministerie X"][2] == 0
    assert _response_times(Signal.objects.filter(pk=tie.pk))["Ministerie X"][2] == 1


@pytest.mark.django_db
def test_without_a_deadline_the_period_counts_from_offering_and_ends_at_month_end():
    x = OfficeFactory(ministry=MinistryFactory(name="Ministerie X"))
    on_time, late, leap, leap_late = bulk_signals(4, office=x, state="response_received")
    # 30 November + 3 months = 28 February (not 2 March)
    _offer(on_time, D(2024, 11, 30), D(2025, 2, 28))
    _offer(late, D(2024, 11, 30), D(2025, 3, 1))
    # 30 November 2023 + 3 months = 29 February 2024 (a leap year)
    _offer(leap, D(2023, 11, 30), D(2024, 2, 29))
    _offer(leap_late, D(2023, 11, 30), D(2024, 3, 1))
    count, _median, within, pending = _response_times(Signal.objects.all())["Ministerie X"]
    assert (count, within, pending) == (4, 2, 0)
    for signal, expected in ((on_time, 1), (late, 0), (leap, 1), (leap_late, 0)):
        assert _response_times(Signal.objects.filter(pk=signal.pk))["Ministerie X"][2] == expected


@pytest.mark.django_db
def test_offices_of_one_ministry_count_a_signal_once():
    ministry = MinistryFactory(name="Ministerie X")
    minister, state_secretary = OfficeFactory(ministry=ministry), OfficeFactory(ministry=ministry)
    y = OfficeFactory(ministry=MinistryFactory(name="Ministerie Y"))
    both, pending, intake = bulk_signals(3, office=minister, state="response_received")
    for signal in (both, pending, intake):
        Addressee.objects.create(signal=signal, office=state_secretary)
    Addressee.objects.create(signal=both, office=y)
    _offer(both, D(2025, 1, 1), D(2025, 1, 31))
    _offer(pending, D(2025, 1, 1))
    (unaddressed,) = bulk_signals(1, office=y, state="offered", start=10)
    Addressee.objects.filter(signal=unaddressed).delete()
    _offer(unaddressed, D(2025, 1, 1), D(2025, 1, 2))
    stats = statistics_for(signals=Signal.objects.all())
    assert stats.per_ministry == [("Ministerie X", 3), ("Ministerie Y", 1)]
    assert _response_times(Signal.objects.all()) == {
        "Ministerie X": (1, 30.0, 1, 1),
        "Ministerie Y": (1, 30.0, 1, 0),
    }


@pytest.mark.django_db
def test_signals_the_user_may_not_see_are_not_counted():
    lead, other = OrganisationFactory(), OrganisationFactory()
    x = OfficeFactory(ministry=MinistryFactory(name="Ministerie X"))
    own = bulk_signals(2, office=x, lead=lead, state="response_received")
    foreign = bulk_signals(3, office=x, lead=other, state="response_received", start=10)
    for signal in own:
        _offer(signal, D(2025, 1, 1), D(2025, 1, 11))
    for signal in foreign:
        _offer(signal, D(2025, 1, 1))
    bulk_deadlines(own + foreign, due=D(2025, 4, 1))
    submitter = make_user("submitter", organisation=lead)
    stats = statistics_for(signals=Signal.objects.visible_to(submitter))
    assert (stats.total, stats.per_year, stats.per_ministry) == (
        2,
        [("2025", 2)],
        [("Ministerie X", 2)],
    )
    assert _response_times(Signal.objects.visible_to(submitter)) == {
        "Ministerie X": (2, 10.0, 2, 0)
    }
    assert _response_times(Signal.objects.all())["Ministerie X"] == (2, 10.0, 2, 3)


@pytest.mark.django_db
def test_median_over_many_signals_matches_statistics_median():
    import random
    import statistics

    x = OfficeFactory(ministry=MinistryFactory(name="Ministerie X"))
    signals = bulk_signals(40, office=x, state="response_received")
    rng = random.Random(7)
    days = [rng.choice([3, 10, 10, 31, 45, 90, 91, 200]) for _ in signals]
    for signal, n in zip(signals, days, strict=True):
        _offer(signal, D(2025, 1, 1), D(2025, 1, 1) + dt.timedelta(days=n))
    for count in (40, 39, 2, 1):
        subset = Signal.objects.filter(pk__in=[s.pk for s in signals[:count]])
        median = _response_times(subset)["Ministerie X"][1]
        assert median == float(statistics.median(days[:count]))


@pytest.mark.django_db
def test_date_arithmetic_in_sql_matches_python():
    from signaalloket.core.dates import add_months
    from signaalloket.reports.statistics import AddMonths, DaysBetween

    (signal,) = bulk_signals(1)
    days = [D(2023, 1, 31), D(2023, 11, 30), D(2024, 2, 29), D(2024, 12, 31), D(2025, 3, 15)]
    for day in days:
        for months in (1, 3, 12):
            Signal.objects.filter(pk=signal.pk).update(
                offered_on=day, response_received_on=D(2025, 6, 1)
            )
            moved, between = (
                Signal.objects.filter(pk=signal.pk)
                .annotate(
                    moved=AddMonths("offered_on", months),
                    between=DaysBetween("offered_on", "response_received_on"),
                )
                .values_list("moved", "between")
                .get()
            )
            assert moved == add_months(day, months), (day, months)
            assert between == (D(2025, 6, 1) - day).days
