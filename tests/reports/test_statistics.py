import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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

    a, b, c = bulk_signals(3, state="closed")
    for signal, outcome in ((a, "law_changed"), (b, "law_changed"), (c, "no_effect")):
        EffectAnswer.objects.create(signal=signal, outcome=outcome, answered_by=desk_user)
    EffectAnswer.objects.create(signal=a, outcome="law_changed", answered_by=desk_user)
    stats = statistics_for(signals=Signal.objects.all())
    assert stats.effects == [("Wet- of regelgeving is aangepast", 2), ("Geen effect", 1)]
    assert statistics_for(signals=Signal.objects.filter(pk=c.pk)).effects == [("Geen effect", 1)]
