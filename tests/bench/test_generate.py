import pytest
from django.core.management import CommandError, call_command

from signaalloket.audit.models import AuditEvent, AuditHead
from signaalloket.audit.services import audit_chain_verify
from signaalloket.bench.generate import GENERATED_DOMAIN, generate
from signaalloket.deadlines.models import Deadline
from signaalloket.documents.models import Document
from signaalloket.signals.models import ReferenceCounter, Signal, StateChange
from signaalloket.signals.services import signal_create
from signaalloket.signals.states import State
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_generated_data_is_consistent_and_the_audit_chain_stays_valid(desk_user):
    real = signal_create(
        actor=desk_user, title="Echt signaal", lead_organisation=OrganisationFactory()
    )
    before = AuditEvent.objects.count()
    stats = generate(signals=120, seed=3, search_index=False)

    assert stats.signals == 120
    assert Signal.objects.count() == 121
    assert audit_chain_verify() is None
    head = AuditHead.objects.get(id=1)
    assert head.last_seq == AuditEvent.objects.count() == stats.audit_events + before
    # reference numbers continue the counters, without gaps or duplicates
    for counter in ReferenceCounter.objects.all():
        numbers = sorted(Signal.objects.filter(year=counter.year).values_list("number", flat=True))
        assert numbers == list(range(1, counter.last_number + 1))
    assert Signal.objects.get(pk=real.pk).reference == real.reference
    # the state implies its history: the last state change leads to the current state
    for signal in Signal.objects.exclude(pk=real.pk).exclude(state=State.INTAKE)[:30]:
        last = StateChange.objects.filter(signal=signal).order_by("-created_at", "-id").first()
        assert last.to_state == signal.state
    # an offered signal waits for its response: exactly one open response deadline
    for signal in Signal.objects.filter(state=State.OFFERED):
        assert Deadline.objects.filter(signal=signal, kind="response", status="open").count() == 1
    assert Document.objects.exists() and stats.documents == Document.objects.count()
    assert len({s.year for s in Signal.objects.all()}) >= 5


def test_generating_twice_adds_and_reuses_the_generated_users():
    first = generate(signals=10, seed=1, search_index=False, gemeenten=5)
    stats = generate(signals=10, seed=2, search_index=False, gemeenten=5)
    assert Signal.objects.count() == 20
    assert first.users > 0 and stats.users == 0
    assert audit_chain_verify() is None


def test_minimal_mode_writes_only_what_the_due_jobs_read():
    stats = generate(signals=50, seed=4, minimal=True, gemeenten=5)
    assert stats.signals == 50
    assert AuditEvent.objects.count() == 0
    assert Document.objects.count() == 0
    assert Deadline.objects.exists()


def test_command_refuses_real_data_without_force(settings, desk_user):
    signal_create(actor=desk_user, title="Echt signaal", lead_organisation=OrganisationFactory())
    settings.DEBUG = False
    with pytest.raises(CommandError, match="echte signalen"):
        call_command("generate_load_data", "--signals", "5", "--no-search-index", verbosity=0)
    assert not Signal.objects.filter(created_by__email__endswith=GENERATED_DOMAIN).exists()
    call_command(
        "generate_load_data", "--signals", "5", "--no-search-index", "--force", verbosity=0
    )
    assert Signal.objects.filter(created_by__email__endswith=GENERATED_DOMAIN).count() == 5
