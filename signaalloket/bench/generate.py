"""Realistic data at scale, written in bulk (for `manage.py generate_load_data` and the bench).

Everything is created with bulk_create and consistent with what the services would have
written: reference numbers continue `ReferenceCounter`, every signal has the state changes,
deadlines, documents, draft versions and comments its state implies, and every write has its
audit event. The audit hash chain stays valid: the hashes are computed here in Python with the
same function the audit service uses, continuing from `AuditHead`, which is moved to the end.

This bypasses the services on purpose (a service call per row would take hours at this size)
and is never used by the application itself. Generated users have an e-mail address at
GENERATED_DOMAIN; a signal created by anyone else counts as real data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from signaalloket.accounts.models import Membership, User
from signaalloket.accounts.roles import Role
from signaalloket.audit.models import AuditEvent, AuditHead
from signaalloket.audit.services import GENESIS, _content_hash
from signaalloket.core.dates import add_months
from signaalloket.deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from signaalloket.organisations.models import (
    Ministry,
    Office,
    Organisation,
    OrganisationKind,
    PartnerKind,
)
from signaalloket.reports.search_index import search_index_signals
from signaalloket.signals.models import (
    Addressee,
    Advice,
    ApprovalKind,
    Confidentiality,
    ContributionStatus,
    Criterion,
    CriterionAssessment,
    ReferenceCounter,
    Signal,
    StateChange,
    Submitter,
    Theme,
)
from signaalloket.signals.states import State

GENERATED_DOMAIN = "loadtest.invalid"
FIRST_YEAR = 2019
BATCH = 2000
PLACEHOLDER_FILE = "bench/placeholder.txt"

S = State
THEMES = [
    "Subsidies",
    "Mensenhandel",
    "Vastgoed",
    "Witwassen",
    "Arbeidsuitbuiting",
    "Vergunningen",
    "Logistiek",
    "Zorgfraude",
    "Ondermijning in het buitengebied",
    "Horeca",
    "Autobranche",
    "Afvalverwerking",
    "Uitzendbureaus",
    "Rechtspersonen",
    "Cryptovaluta",
]
WORDS = [
    "misbruik",
    "subsidieregeling",
    "vergunning",
    "vastgoed",
    "witwassen",
    "katvanger",
    "stroman",
    "uitzendbureau",
    "arbeidsmigranten",
    "huisvesting",
    "bibob",
    "toezicht",
    "handhaving",
    "zorgaanbieder",
    "persoonsgebonden",
    "budget",
    "rechtspersoon",
    "bestuurder",
    "faillissement",
    "doorstart",
    "vrachtvervoer",
    "haven",
    "container",
    "douane",
    "aangifte",
    "facilitator",
    "notaris",
    "makelaar",
    "cryptomunten",
    "betaaldienst",
    "trustkantoor",
    "horeca",
    "exploitatievergunning",
    "drugslab",
    "afvalverwerking",
    "mest",
    "subsidie",
    "innovatie",
    "energie",
    "belastingteruggave",
    "toeslagen",
    "inschrijving",
    "basisregistratie",
    "kentekenregistratie",
    "garagebedrijf",
    "export",
    "leasing",
]
SUBJECTS = [
    "Misbruik van {w} bij {x}",
    "Structureel knelpunt in {w} rond {x}",
    "Criminele inzet van {w} via {x}",
    "Gebrekkige controle op {w} bij {x}",
    "Gelegenheidsstructuur in {w} en {x}",
]
PROVINCES = [
    "Groningen",
    "Friesland",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
]

# (source, target): days the step takes (uniform range)
STEP_DAYS = {
    (S.INTAKE, S.DRAFTING): (10, 45),
    (S.DRAFTING, S.FACT_CHECK): (20, 90),
    (S.FACT_CHECK, S.DECISION): (10, 40),
    (S.FACT_CHECK, S.DRAFTING): (7, 21),
    (S.DECISION, S.OFFERED): (10, 40),
    (S.OFFERED, S.RESPONSE_RECEIVED): (60, 130),  # three months asked; often later
    (S.RESPONSE_RECEIVED, S.RESPONSE_DELIVERED): (5, 25),
    (S.RESPONSE_DELIVERED, S.EFFECT_INQUIRY): (183, 186),
    (S.EFFECT_INQUIRY, S.CLOSED): (20, 70),
}
SIDE_EXIT_DAYS = (5, 60)
MAIN = [
    S.INTAKE,
    S.DRAFTING,
    S.FACT_CHECK,
    S.DECISION,
    S.OFFERED,
    S.RESPONSE_RECEIVED,
    S.RESPONSE_DELIVERED,
    S.EFFECT_INQUIRY,
    S.CLOSED,
]


def _index(state) -> int:
    return MAIN.index(state) if state in MAIN else -1


@dataclass
class Stats:
    signals: int = 0
    audit_events: int = 0
    state_changes: int = 0
    documents: int = 0
    document_versions: int = 0
    comments: int = 0
    draft_versions: int = 0
    deadlines: int = 0
    submitters: int = 0
    addressees: int = 0
    notifications: int = 0
    organisations: int = 0
    users: int = 0
    search_entries: int = 0
    seconds: float = 0.0
    per_state: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


class RefusedError(Exception):
    """The database holds real data and the caller did not force generation."""


def real_signal_count() -> int:
    """Signals not created by a generated user (imported ones without a creator count too)."""
    return Signal.objects.exclude(created_by__email__endswith="@" + GENERATED_DOMAIN).count()


def check_allowed(*, force: bool) -> None:
    if force or settings.DEBUG:
        return
    real = real_signal_count()
    if real:
        raise RefusedError(
            f"De database bevat {real} echte signalen en DEBUG staat uit; "
            "gebruik --force als u hier echt testgegevens wilt toevoegen."
        )


@contextmanager
def _historic_timestamps(*model_classes):
    """Let bulk_create keep the timestamps we set (auto_now/auto_now_add would overwrite them)."""
    saved = []
    for model in model_classes:
        for f in model._meta.concrete_fields:
            if isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


# The world: organisations, users, themes ------------------------------------------------------


@dataclass
class World:
    desk_users: list
    submitters_by_org: dict  # org id -> [user ids]
    reps_by_org: dict  # org id -> [user ids]
    officials_by_ministry: dict  # ministry id -> [user ids]
    partner_orgs: list  # (org id, weight)
    offices: list  # (office id, ministry id, valid_from, valid_to)
    themes: list
    org_names: dict
    office_names: dict


def _ensure_world(rng: random.Random, stats: Stats, *, gemeenten: int) -> World:
    """Organisations and users; idempotent (a second run reuses what is there)."""
    kinds = {k.code: k for k in PartnerKind.objects.all()}
    orgs = []
    existing_names = set(Organisation.objects.values_list("name", flat=True))

    def org(name, kind, partner_kind=None, ministry=None):
        if name not in existing_names:
            existing_names.add(name)
            orgs.append(
                Organisation(
                    name=name,
                    kind=kind,
                    partner_kind=kinds.get(partner_kind),
                    ministry=ministry,
                )
            )

    for i in range(1, gemeenten + 1):
        org(f"Gemeente Proefstad {i:03d}", OrganisationKind.PARTNER, "gemeente")
    for p in PROVINCES:
        org(f"Provincie {p} (test)", OrganisationKind.PARTNER, "provincie")
    for i in range(1, 21):
        org(f"Samenwerkingsverband Proef {i:02d}", OrganisationKind.PARTNER, "team")
    with_org = set(
        Organisation.objects.filter(kind=OrganisationKind.MINISTRY).values_list(
            "ministry_id", flat=True
        )
    )
    for ministry in Ministry.objects.exclude(pk__in=with_org):
        org(f"{ministry.name} (organisatie)", OrganisationKind.MINISTRY, ministry=ministry)
    Organisation.objects.bulk_create(orgs, batch_size=BATCH)
    stats.organisations = len(orgs)

    desk_org = Organisation.objects.filter(kind=OrganisationKind.DESK).first()
    if desk_org is None:
        desk_org = Organisation.objects.create(
            name="LIEC - Landelijk Loket Bestuurlijke Signalen", kind=OrganisationKind.DESK
        )
    partners = list(
        Organisation.objects.filter(
            kind__in=[OrganisationKind.PARTNER, OrganisationKind.RIEC]
        ).values_list("pk", "kind", "partner_kind__code")
    )
    ministry_orgs = list(
        Organisation.objects.filter(kind=OrganisationKind.MINISTRY).values_list("pk", "ministry_id")
    )

    existing_users = set(
        User.objects.filter(email__endswith="@" + GENERATED_DOMAIN).values_list("email", flat=True)
    )
    password = make_password("bench-" + hashlib.sha256(b"bench").hexdigest()[:12])
    new_users: list[User] = []
    wanted_memberships: list[tuple[str, int, str]] = []

    def user(email, name, org_id, role):
        email = f"{email}@{GENERATED_DOMAIN}"
        if email not in existing_users:
            existing_users.add(email)
            new_users.append(
                User(
                    email=email,
                    full_name=name,
                    password=password,
                    date_joined=dt.datetime(FIRST_YEAR, 1, 1, tzinfo=dt.UTC),
                )
            )
        wanted_memberships.append((email, org_id, role))

    for i in range(1, 9):
        user(f"loket{i}", f"Loketmedewerker {i}", desk_org.pk, Role.DESK_STAFF)
    for i in range(1, 3):
        user(f"manager{i}", f"Loketmanager {i}", desk_org.pk, Role.DESK_MANAGER)
    user("beheer", "Functioneel beheerder (test)", desk_org.pk, Role.ADMIN)
    for pk, kind, code in partners:
        count = 3 if kind == OrganisationKind.RIEC or code != "gemeente" else 1
        for j in range(1, count + 1):
            user(f"indiener-{pk}-{j}", f"Indiener {pk}.{j}", pk, Role.SUBMITTER)
        user(f"sv-{pk}", f"Strategisch vertegenwoordiger {pk}", pk, Role.STRATEGIC_REP)
    for pk, _ministry_id in ministry_orgs:
        for j in range(1, 5):
            user(f"ambtenaar-{pk}-{j}", f"Ambtenaar {pk}.{j}", pk, Role.OFFICIAL)
    User.objects.bulk_create(new_users, batch_size=BATCH)
    stats.users = len(new_users)
    ids = dict(
        User.objects.filter(email__endswith="@" + GENERATED_DOMAIN).values_list("email", "pk")
    )
    have = set(Membership.objects.values_list("user_id", "organisation_id", "role"))
    Membership.objects.bulk_create(
        [
            Membership(user_id=ids[email], organisation_id=org_id, role=role)
            for email, org_id, role in wanted_memberships
            if (ids[email], org_id, role) not in have
        ],
        batch_size=BATCH,
    )

    desk_users, submitters_by_org, reps_by_org, officials = [], defaultdict(list), {}, {}
    ministry_of_org = dict(ministry_orgs)
    for email, org_id, role in wanted_memberships:
        uid = ids[email]
        if role == Role.DESK_STAFF:
            desk_users.append(uid)
        elif role == Role.SUBMITTER:
            submitters_by_org[org_id].append(uid)
        elif role == Role.STRATEGIC_REP:
            reps_by_org.setdefault(org_id, []).append(uid)
        elif role == Role.OFFICIAL:
            officials.setdefault(ministry_of_org[org_id], []).append(uid)

    # RIECs, national partners and teams submit far more often than a single gemeente.
    partner_orgs = [
        (pk, 30 if kind == OrganisationKind.RIEC else (2 if code == "gemeente" else 10))
        for pk, kind, code in partners
    ]
    for name in THEMES:
        Theme.objects.get_or_create(name=name)
    return World(
        desk_users=desk_users,
        submitters_by_org=dict(submitters_by_org),
        reps_by_org=reps_by_org,
        officials_by_ministry=officials,
        partner_orgs=partner_orgs,
        offices=list(
            Office.objects.values_list("pk", "ministry_id", "valid_from", "valid_to").order_by("pk")
        ),
        themes=list(Theme.objects.values_list("pk", flat=True)),
        org_names=dict(Organisation.objects.values_list("pk", "name")),
        office_names={o.pk: str(o) for o in Office.objects.all()},
    )


# One signal's life ------------------------------------------------------------------------------


def _path(rng: random.Random, created: dt.datetime, now: dt.datetime) -> list[tuple]:
    """[(from_state, to_state, at, reason)] ending no later than now."""
    roll = rng.random()
    if roll < 0.10:
        exit_state, exit_from = S.NOT_PURSUED, rng.choice([S.INTAKE, S.INTAKE, S.DRAFTING])
    elif roll < 0.17:
        exit_state, exit_from = S.WITHDRAWN, rng.choice([S.DRAFTING, S.FACT_CHECK, S.DECISION])
    else:
        exit_state, exit_from = None, None
    loop = rng.random() < 0.06
    steps = []
    state, at = S.INTAKE, created
    while True:
        if exit_state and state == exit_from:
            at = at + dt.timedelta(days=rng.uniform(*SIDE_EXIT_DAYS))
            if at > now:
                break
            reason = (
                "Criteria niet voldaan: advies andere route."
                if exit_state == S.NOT_PURSUED
                else "Indieners zien af van indiening."
            )
            steps.append((state, exit_state, at, reason))
            break
        if state == S.CLOSED:
            break
        if loop and state == S.FACT_CHECK:
            target, reason, loop = S.DRAFTING, "Feiten gecorrigeerd na ambtelijk overleg.", False
        else:
            target, reason = MAIN[_index(state) + 1], ""
        at = at + dt.timedelta(days=rng.uniform(*STEP_DAYS[(state, target)]))
        if at > now:
            break
        steps.append((state, target, at, reason))
        state = target
    return steps


_POOL: dict[int, list[str]] = {}


def _text(rng: random.Random, words: int) -> str:
    """A sentence of about `words` words from a pool (building each one costs too much)."""
    pool = _POOL.get(words)
    if pool is None:
        maker = random.Random(words)  # noqa: S311 (test data, not security)
        pool = _POOL[words] = [
            " ".join(maker.choice(WORDS) for _ in range(words)).capitalize() + "."
            for _ in range(200)
        ]
    return rng.choice(pool)


@dataclass
class _Pending:
    """Rows waiting for the signal ids (bulk_create hands them out)."""

    audit: list = field(default_factory=list)  # (at, actor, org, signal_idx, type, data)
    rows: dict = field(default_factory=lambda: defaultdict(list))  # model -> [(idx, kwargs)]


def generate(
    *,
    signals: int,
    seed: int = 1,
    minimal: bool = False,
    now: dt.datetime | None = None,
    gemeenten: int = 300,
    search_index: bool = True,
    progress=None,
) -> Stats:
    """Add `signals` generated signals (with everything they imply) to the database.

    minimal: only what the due jobs read (signals, submitters, addressees, deadlines); no
    audit events, documents, drafts or comments. For the due-job sweep over 100,000 signals.
    """
    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311 (test data, not security)
    now = (now or timezone.now()).astimezone(dt.UTC).replace(microsecond=0)
    stats = Stats()

    def say(message: str) -> None:
        if progress is not None:
            progress(f"[{time.perf_counter() - started:6.1f} s] {message}")

    Comment = _model("drafting.Comment")
    DraftVersion = _model("drafting.DraftVersion")
    SignalFormat = _model("drafting.SignalFormat")
    Format = _model("drafting.Format")
    Document = _model("documents.Document")
    DocumentVersion = _model("documents.DocumentVersion")
    Meeting = _model("meetings.FactCheckMeeting")
    EffectAnswer = _model("procedure.EffectAnswer")
    Notification = _model("notifications.Notification")
    timestamped = [
        m
        for m in (
            Signal,
            StateChange,
            Deadline,
            AuditEvent,
            Comment,
            DraftVersion,
            SignalFormat,
            Document,
            DocumentVersion,
            Meeting,
            EffectAnswer,
            Notification,
        )
        if m is not None
    ]

    with transaction.atomic(), _historic_timestamps(*timestamped):
        world = _ensure_world(rng, stats, gemeenten=gemeenten)
        say(f"wereld: {stats.organisations} organisaties, {stats.users} gebruikers erbij")
        fmt = None
        sections: list[str] = []
        if Format is not None and not minimal:
            fmt = Format.objects.filter(is_current=True).first() or Format.objects.first()
            if fmt is not None:
                sections = list(fmt.sections.values_list("key", flat=True))
        if Document is not None and not minimal and not default_storage.exists(PLACEHOLDER_FILE):
            default_storage.save(PLACEHOLDER_FILE, ContentFile(b"Testbestand voor de bench.\n"))

        # 1. the signals, numbered per year after the existing counters ----------------------
        years = list(range(FIRST_YEAR, now.year + 1))
        weights = [1.0 + 0.15 * i for i in range(len(years))]  # the desk grows a little
        specs = []
        for _ in range(signals):
            year = rng.choices(years, weights)[0]
            start = dt.datetime(year, 1, 1, 8, tzinfo=dt.UTC)
            end = min(dt.datetime(year, 12, 31, 17, tzinfo=dt.UTC), now - dt.timedelta(days=1))
            created = start + dt.timedelta(
                seconds=rng.randrange(max(1, int((end - start).total_seconds())))
            )
            specs.append({"year": year, "created": created})
        specs.sort(key=lambda s: s["created"])
        counters = dict(ReferenceCounter.objects.values_list("year", "last_number"))
        taken = dict(
            Signal.objects.values("year").annotate(m=Max("number")).values_list("year", "m")
        )
        next_number = {y: max(counters.get(y, 0), taken.get(y) or 0) for y in years}

        signal_objs = []
        for spec in specs:
            year = spec["year"]
            next_number[year] += 1
            spec["number"] = next_number[year]
            spec["reference"] = f"BS-{year}-{spec['number']:03d}"
            spec["steps"] = _path(rng, spec["created"], now)
            state = spec["steps"][-1][1] if spec["steps"] else S.INTAKE
            spec["state"] = state
            stats.per_state[state] = stats.per_state.get(state, 0) + 1
            lead = rng.choices(
                [o for o, _w in world.partner_orgs], [w for _o, w in world.partner_orgs]
            )[0]
            others = rng.sample([o for o, _w in world.partner_orgs], rng.choice([0, 0, 1, 1, 2]))
            spec["orgs"] = [lead] + [o for o in others if o != lead]
            spec["creator"] = rng.choice(world.submitters_by_org.get(lead) or world.desk_users)
            spec["handler"] = rng.choice(world.desk_users)
            offices = [o for o in world.offices if _office_valid(o, spec["created"].date())]
            chosen, ministries = [], set()
            for office in rng.sample(offices, min(len(offices), 6)):
                if office[1] not in ministries:
                    chosen.append(office)
                    ministries.add(office[1])
                if len(chosen) >= rng.choice([1, 2, 2, 3]):
                    break
            spec["offices"] = chosen
            times = {target: at for _s, target, at, _r in spec["steps"]}
            spec["times"] = times
            w1, w2 = rng.choice(WORDS), rng.choice(WORDS)
            title = rng.choice(SUBJECTS).format(w=w1, x=w2)
            spec["title"] = title
            last_at = spec["steps"][-1][2] if spec["steps"] else spec["created"]
            signal_objs.append(
                Signal(
                    reference=spec["reference"],
                    year=year,
                    number=spec["number"],
                    title=title,
                    summary="" if minimal else _text(rng, 40),
                    origin="" if minimal else _text(rng, 15),
                    state=state,
                    confidentiality=rng.choice(Confidentiality.values),
                    advice=(
                        Advice.NOT_SUITABLE
                        if state == S.NOT_PURSUED
                        else (Advice.SUITABLE if S.DRAFTING in times else Advice.PENDING)
                    ),
                    advice_reason="" if state == S.INTAKE else "Voldoet aan de criteria.",
                    case_handler_id=spec["handler"],
                    created_by_id=spec["creator"],
                    created_at=spec["created"],
                    updated_at=last_at,
                    state_changed_at=last_at if spec["steps"] else None,
                    fact_check_started_at=times.get(S.FACT_CHECK),
                    offered_on=_date(times.get(S.OFFERED)),
                    response_received_on=_date(times.get(S.RESPONSE_RECEIVED)),
                    response_delivered_on=_date(times.get(S.RESPONSE_DELIVERED)),
                    closed_on=_date(times.get(S.CLOSED)),
                    version=1 + len(spec["steps"]),
                )
            )
        created = Signal.objects.bulk_create(signal_objs, batch_size=BATCH)
        if created and created[0].pk is None:  # backends without RETURNING
            by_ref = dict(
                Signal.objects.filter(reference__in=[s.reference for s in created]).values_list(
                    "reference", "pk"
                )
            )
            for obj in created:
                obj.pk = by_ref[obj.reference]
        for spec, obj in zip(specs, created, strict=True):
            spec["pk"] = obj.pk
        stats.signals = len(created)
        for year, last in next_number.items():
            if last:
                ReferenceCounter.objects.update_or_create(year=year, defaults={"last_number": last})
        say(f"{stats.signals} signalen")

        # 2. everything each signal implies --------------------------------------------------
        pending = _Pending()
        for spec in specs:
            _signal_rows(rng, spec, world, pending, minimal=minimal, sections=sections)
        _write_rows(pending, stats, world, fmt=fmt, minimal=minimal, say=say)
        if not minimal:
            _write_audit(pending.audit, specs, stats)
            say(f"{stats.audit_events} auditgebeurtenissen")
    if search_index and not minimal:
        ids = [spec["pk"] for spec in specs]
        for start in range(0, len(ids), 1000):
            stats.search_entries += search_index_signals(signal_ids=ids[start : start + 1000])
        say(f"{stats.search_entries} zoekindexregels")
    # Refresh the planner statistics after the bulk load, as PostgreSQL's autovacuum does by
    # itself. Without them SQLite picks the (status, due_date) index of Deadline for the
    # per-signal deadline subqueries of the list and scans every open deadline per row.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    say("statistieken voor de queryplanner bijgewerkt (ANALYZE)")
    stats.seconds = round(time.perf_counter() - started, 2)
    return stats


def _office_valid(office, day: dt.date) -> bool:
    _pk, _m, valid_from, valid_to = office
    return (valid_from is None or valid_from <= day) and (valid_to is None or valid_to >= day)


def _date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value else None


def _add_months(day: dt.date, months: int) -> dt.date:
    return add_months(day, months)


def _signal_rows(rng, spec, world: World, pending: _Pending, *, minimal: bool, sections) -> None:
    idx = spec["pk"]
    times = spec["times"]
    created = spec["created"]
    state = spec["state"]
    desk = spec["handler"]
    audit = pending.audit
    rows = pending.rows

    def ev(at, actor, kind, data, org=None):
        audit.append((at, actor, org, idx, kind, data))

    def later(at, minutes=30):
        return at + dt.timedelta(minutes=rng.randint(1, minutes))

    ev(
        created,
        spec["creator"],
        "signal.created",
        {"reference": spec["reference"], "title": spec["title"]},
        spec["orgs"][0],
    )
    decided_at = times.get(S.OFFERED)
    for n, org in enumerate(spec["orgs"]):
        contacts = world.submitters_by_org.get(org) or [None]
        reps = world.reps_by_org.get(org) or [None]
        approved = decided_at - dt.timedelta(days=rng.randint(1, 5)) if decided_at else None
        rows["submitter"].append(
            {
                "signal_id": idx,
                "organisation_id": org,
                "is_lead": n == 0,
                "contact_person_id": rng.choice(contacts),
                "strategic_rep_name": f"Strategisch vertegenwoordiger {org}",
                "strategic_rep_function": "Directeur",
                "approved_at": approved,
                "approved_by_id": reps[0] if approved else None,
                "approval_kind": ApprovalKind.IN_APP if approved else "",
            }
        )
        ev(
            later(created),
            spec["creator"],
            "submitter.added",
            {"organisation": world.org_names[org]},
            org,
        )
        if approved:
            ev(
                approved,
                reps[0],
                "submitter.approved",
                {"organisation": world.org_names[org], "kind": "in_app", "note": ""},
                org,
            )
    contributed = S.RESPONSE_RECEIVED in times
    for n, (office, ministry, *_rest) in enumerate(spec["offices"]):
        officials = world.officials_by_ministry.get(ministry) or [None]
        rows["addressee"].append(
            {
                "signal_id": idx,
                "office_id": office,
                "is_coordinating": n == 0,
                "contact_official_id": officials[0],
                "contribution_status": (
                    ContributionStatus.CONTRIBUTED
                    if contributed
                    else (
                        ContributionStatus.WORKING
                        if S.OFFERED in times
                        else ContributionStatus.NOT_STARTED
                    )
                ),
            }
        )
        ev(
            later(created, 60 * 24 * 10),
            desk,
            "addressee.added",
            {"office": world.office_names[office], "coordinating": n == 0},
        )
        if contributed and n == 0:
            ev(
                times[S.RESPONSE_RECEIVED] - dt.timedelta(days=rng.randint(1, 10)),
                officials[0],
                "addressee.contribution",
                {"office": world.office_names[office], "status": "contributed"},
            )

    # deadlines (the effects of the transitions)
    if S.OFFERED in times:
        offered = _date(times[S.OFFERED])
        due = _add_months(offered, settings.RESPONSE_PERIOD_MONTHS)
        met = times.get(S.RESPONSE_RECEIVED)
        waived = state in (S.WITHDRAWN, S.NOT_PURSUED) and not met
        rows["deadline"].append(
            _deadline(idx, DeadlineKind.RESPONSE, due, met, waived, times[S.OFFERED])
        )
        ev(
            later(times[S.OFFERED], 1),
            desk,
            "deadline.started",
            {"kind": "response", "due_date": str(due)},
        )
        if met:
            ev(later(met, 1), desk, "deadline.met", {"kind": "response"})
    if S.RESPONSE_DELIVERED in times:
        delivered = _date(times[S.RESPONSE_DELIVERED])
        due = _add_months(delivered, settings.EFFECT_PERIOD_MONTHS)
        met = times.get(S.EFFECT_INQUIRY)
        rows["deadline"].append(
            _deadline(
                idx, DeadlineKind.EFFECT_INQUIRY, due, met, False, times[S.RESPONSE_DELIVERED]
            )
        )
        ev(
            later(times[S.RESPONSE_DELIVERED], 1),
            desk,
            "deadline.started",
            {"kind": "effect_inquiry", "due_date": str(due)},
        )
        if met:
            ev(later(met, 1), None, "deadline.met", {"kind": "effect_inquiry"})
    if S.EFFECT_INQUIRY in times:
        started = _date(times[S.EFFECT_INQUIRY])
        due = _add_months(started, settings.EFFECT_ANSWER_PERIOD_MONTHS)
        met = times.get(S.CLOSED)
        rows["deadline"].append(
            _deadline(idx, DeadlineKind.EFFECT_ANSWER, due, met, False, times[S.EFFECT_INQUIRY])
        )
        ev(
            later(times[S.EFFECT_INQUIRY], 1),
            None,
            "deadline.started",
            {"kind": "effect_answer", "due_date": str(due)},
        )
        if met:
            ev(later(met, 1), desk, "deadline.met", {"kind": "effect_answer"})

    if minimal:
        return

    # state changes and their audit events
    for source, target, at, reason in spec["steps"]:
        actor = None if target == S.EFFECT_INQUIRY else desk
        if target == S.WITHDRAWN and rng.random() < 0.5:
            actor = spec["creator"]
        rows["statechange"].append(
            {
                "signal_id": idx,
                "from_state": source,
                "to_state": target,
                "actor_id": actor,
                "reason": reason,
                "created_at": at,
            }
        )
        ev(at, actor, "signal.transitioned", {"from": source, "to": target, "reason": reason})
        rows["notification"].append(
            {
                "recipient_id": desk,
                "signal_id": idx,
                "kind": "state_changed",
                "text": f"Signaal {spec['reference']} is nu in fase {S(target).label}.",
                "url": f"/signalen/{idx}/",
                "created_at": at,
                "read_at": (at + dt.timedelta(hours=rng.randint(1, 72)))
                if rng.random() < 0.9
                else None,
                "emailed_at": at,
            }
        )

    # intake: criteria and desk edits
    advised = S.DRAFTING in times or state == S.NOT_PURSUED
    intake_end = times.get(S.DRAFTING) or (spec["steps"][0][2] if spec["steps"] else created)
    for criterion in Criterion.values:
        met = None
        if advised:
            met = state != S.NOT_PURSUED or rng.random() < 0.5
            ev(
                intake_end - dt.timedelta(hours=rng.randint(1, 48)),
                desk,
                "criterion.assessed",
                {"criterion": criterion, "met": met},
            )
        rows["criterion"].append(
            {"signal_id": idx, "criterion": criterion, "met": met, "motivation": ""}
        )
    for _ in range(rng.choice([0, 1])):
        ev(later(created, 60 * 24 * 7), desk, "signal.updated", {"fields": ["summary", "themes"]})
    for theme in rng.sample(world.themes, rng.randint(1, 2)):
        rows["theme"].append({"signal_id": idx, "theme_id": theme})

    # drafting: format, versions, comments
    if S.DRAFTING in times and sections:
        start = times[S.DRAFTING]
        end = (
            times.get(S.FACT_CHECK)
            or times.get(S.WITHDRAWN)
            or min(start + dt.timedelta(days=60), timezone.now())
        )
        rows["signalformat"].append({"signal_id": idx, "created_at": later(start)})
        versions = rng.randint(1, 2)
        for number in range(1, versions + 1):
            at = start + (end - start) * number / (versions + 1)
            author = rng.choice(world.submitters_by_org.get(spec["orgs"][0]) or [desk])
            rows["draftversion"].append(
                {
                    "signal_id": idx,
                    "number": number,
                    "texts": {key: _text(rng, 30 + 10 * number) for key in sections},
                    "author_id": author,
                    "created_at": at,
                }
            )
            ev(at, author, "draft.saved", {"version": number})
        for _ in range(rng.choice([0, 0, 1, 2, 3])):
            at = start + (end - start) * rng.random()
            author = rng.choice([desk, spec["creator"]])
            internal = author == desk and rng.random() < 0.3
            rows["comment"].append(
                {
                    "signal_id": idx,
                    "section_key": rng.choice(sections),
                    "visibility": "internal" if internal else "shared",
                    "body": _text(rng, 20),
                    "author_id": author,
                    "created_at": at,
                    "resolved_at": at + dt.timedelta(days=3) if rng.random() < 0.6 else None,
                }
            )
            ev(
                at,
                author,
                "comment.internal" if internal else "draft.comment_added",
                {"section": "", "summary": "Opmerking geplaatst"},
            )

    # documents: attachments while drafting, minutes, letters, the response
    docs = []
    if S.DRAFTING in times or state in (S.INTAKE, S.NOT_PURSUED):
        for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
            docs.append(("attachment", "Bijlage: " + _text(rng, 4), later(created, 60 * 24 * 20)))
    if S.DECISION in times and rng.random() < 0.5:
        docs.append(("minutes", "Verslag ambtelijk overleg", later(times[S.DECISION], 60 * 24)))
    if S.OFFERED in times and rng.random() < 0.6:
        docs.append(("offering_letter", "Aanbiedingsbrief", times[S.OFFERED]))
    if S.RESPONSE_RECEIVED in times:
        docs.append(("response", "Gezamenlijke reactie", times[S.RESPONSE_RECEIVED]))
    for kind, title, at in docs:
        author = desk if kind != "attachment" else spec["creator"]
        rows["document"].append(
            {
                "signal_id": idx,
                "kind": kind,
                "title": title[:300],
                "confidentiality": Confidentiality.CONFIDENTIAL,
                "document_date": _date(at),
                "created_by_id": author,
                "created_at": at,
                "_text": _text(rng, 25),
            }
        )
        ev(at, author, "document.uploaded", {"title": title[:300], "kind": kind})

    # meeting and effect answer
    if S.DECISION in times:
        held = times[S.DECISION] - dt.timedelta(days=rng.randint(1, 7))
        rows["meeting"].append(
            {
                "signal_id": idx,
                "starts_at": held,
                "ends_at": held + dt.timedelta(hours=2),
                "location": "Den Haag",
                "status": "held",
                "outcome": "confirmed",
                "created_by_id": desk,
                "created_at": held - dt.timedelta(days=14),
            }
        )
        ev(held + dt.timedelta(hours=3), desk, "meeting.held", {"outcome": "confirmed"})
    if S.CLOSED in times:
        at = times[S.CLOSED] - dt.timedelta(days=rng.randint(1, 10))
        rows["effect"].append(
            {
                "signal_id": idx,
                "organisation_id": spec["orgs"][0],
                "outcome": rng.choice(
                    ["law_changed", "policy_changed", "in_progress", "no_effect"]
                ),
                "explanation": _text(rng, 15),
                "answered_by_id": spec["creator"],
                "created_at": at,
            }
        )
        ev(at, spec["creator"], "effect.answered", {"outcome": "answered"})
    if S.RESPONSE_RECEIVED in times:
        ev(later(times[S.RESPONSE_RECEIVED], 5), desk, "response.registered", {"document": ""})


def _deadline(signal_id, kind, due, met_at, waived, started_at) -> dict:
    if met_at:
        status, closed, reason = DeadlineStatus.MET, _date(met_at), ""
    elif waived:
        status, closed, reason = DeadlineStatus.WAIVED, due, "Klok gestopt"
    else:
        status, closed, reason = DeadlineStatus.OPEN, None, ""
    return {
        "signal_id": signal_id,
        "kind": kind,
        "original_due_date": due,
        "due_date": due,
        "status": status,
        "closed_on": closed,
        "reason": reason,
        "created_at": started_at,
    }


def _write_rows(pending: _Pending, stats: Stats, world: World, *, fmt, minimal, say) -> None:
    rows = pending.rows

    def bulk(model, items):
        if model is None or not items:
            return []
        _fast_insert(model, items)
        return items

    stats.submitters = len(bulk(Submitter, rows["submitter"]))
    stats.addressees = len(bulk(Addressee, rows["addressee"]))
    stats.deadlines = len(bulk(Deadline, rows["deadline"]))
    if minimal:
        return
    bulk(CriterionAssessment, rows["criterion"])
    bulk(Signal.themes.through, rows["theme"])
    stats.state_changes = len(bulk(StateChange, rows["statechange"]))
    stats.notifications = len(bulk(_model("notifications.Notification"), rows["notification"]))
    if fmt is not None:
        bulk(
            _model("drafting.SignalFormat"),
            [{**r, "format_id": fmt.pk} for r in rows["signalformat"]],
        )
        stats.draft_versions = len(
            bulk(
                _model("drafting.DraftVersion"),
                [{**r, "format_id": fmt.pk} for r in rows["draftversion"]],
            )
        )
        stats.comments = len(bulk(_model("drafting.Comment"), rows["comment"]))
    Document = _model("documents.Document")
    if Document is not None and rows["document"]:
        texts = [r.pop("_text") for r in rows["document"]]
        docs = Document.objects.bulk_create(
            [Document(**r) for r in rows["document"]], batch_size=BATCH
        )
        if docs and docs[0].pk is None:
            raise RuntimeError(
                "bulk_create gaf geen ids terug; deze database wordt niet ondersteund"
            )
        stats.documents = len(docs)
        stats.document_versions = len(
            bulk(
                _model("documents.DocumentVersion"),
                [
                    {
                        "document_id": d.pk,
                        "number": 1,
                        "file": PLACEHOLDER_FILE,
                        "filename": f"document-{d.pk}.pdf",
                        "content_type": "application/pdf",
                        "size": 27,
                        "sha256": "0" * 64,
                        "extracted_text": text,
                        "uploaded_by_id": d.created_by_id,
                        "uploaded_at": d.created_at,
                    }
                    for d, text in zip(docs, texts, strict=True)
                ],
            )
        )
    bulk(_model("meetings.FactCheckMeeting"), rows["meeting"])
    bulk(_model("procedure.EffectAnswer"), rows["effect"])
    say(
        f"{stats.state_changes} statuswijzigingen, {stats.documents} documenten, "
        f"{stats.comments} opmerkingen, {stats.deadlines} termijnen"
    )


def _fast_insert(model, items: list[dict]) -> None:
    """INSERT many rows with executemany: the ORM's bulk_create spends most of its time
    preparing each value; here each column gets one converter, chosen once."""
    meta = model._meta
    by_name = {}
    for f in meta.concrete_fields:
        by_name[f.attname] = f
        by_name[f.name] = f
    names = [n for n in items[0] if n in by_name]
    fields = [by_name[n] for n in names]
    # defaults for the columns the rows leave out (version=1, flags, empty strings, ...)
    missing = [
        f
        for f in meta.concrete_fields
        if f.attname not in names and f.name not in names and not f.primary_key
    ]
    dynamic = {i for i, f in enumerate(missing) if f.has_default() and callable(f.default)}
    defaults = [f.get_default() for f in missing]
    ops = connection.ops

    def converter(f):
        internal = f.get_internal_type()
        if internal == "JSONField":
            return lambda v: None if v is None else json.dumps(v, cls=DjangoJSONEncoder)
        if internal == "DateTimeField":
            return ops.adapt_datetimefield_value
        if internal == "DateField":
            return ops.adapt_datefield_value
        if internal == "FileField":
            return lambda v: str(v)
        return None

    convert = [converter(f) for f in fields]
    default_values = [
        (converter(f) or (lambda v: v))(d) if d is not None else None
        for f, d in zip(missing, defaults, strict=True)
    ]
    columns = [f.column for f in fields] + [f.column for f in missing]
    quote = ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (names from the model)
        quote(meta.db_table),
        ", ".join(quote(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(items), 5000):
            rows = []
            for item in items[start : start + 5000]:
                row = [
                    c(item[n]) if c is not None and item[n] is not None else item[n]
                    for n, c in zip(names, convert, strict=True)
                ]
                extra = list(default_values)
                for i in dynamic:  # e.g. a uuid per row
                    extra[i] = missing[i].get_default()
                rows.append(row + extra)
            cursor.executemany(sql, rows)


def _write_audit(events: list, specs: list, stats: Stats) -> None:
    """Append the events to the hash chain in time order, continuing from AuditHead."""
    AuditHead.objects.get_or_create(id=1)
    head = AuditHead.objects.select_for_update().get(id=1)
    seq, prev = head.last_seq, head.last_hash or GENESIS
    events.sort(key=lambda e: (e[0], e[3], e[4]))
    batch: list[dict] = []
    for at, actor, org, signal_id, kind, data in events:
        seq += 1
        digest = _content_hash(
            seq=seq,
            created_at=at.isoformat(),
            actor_id=actor,
            organisation_id=org,
            signal_id=signal_id,
            event_type=kind,
            data=data,
            prev_hash=prev,
        )
        batch.append(
            {
                "seq": seq,
                "created_at": at,
                "actor_id": actor,
                "organisation_id": org,
                "signal_id": signal_id,
                "event_type": kind,
                "data": data,
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
    _fast_insert(AuditEvent, batch)
    AuditHead.objects.filter(id=1).update(last_seq=seq, last_hash=prev)
    stats.audit_events = len(events)
