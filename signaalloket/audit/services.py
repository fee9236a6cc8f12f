"""Writing and verifying the audit hash chain."""

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import AccessLogEntry, AuditEvent, AuditHead

GENESIS = "0" * 64


def _content_hash(
    *,
    seq: int,
    created_at: str,
    actor_id,
    organisation_id,
    signal_id,
    event_type: str,
    data,
    prev_hash: str,
) -> str:
    payload = json.dumps(
        {
            "seq": seq,
            "created_at": created_at,
            "actor": actor_id,
            "organisation": organisation_id,
            "signal": signal_id,
            "event_type": event_type,
            "data": data,
            "prev_hash": prev_hash,
        },
        sort_keys=True,
        separators=(",", ":"),
        cls=DjangoJSONEncoder,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _normalise(data: dict[str, Any]) -> dict[str, Any]:
    # Store exactly what is hashed: a JSON round trip turns dates and decimals into strings.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


_history: ContextVar[datetime | None] = ContextVar("audit_history", default=None)


@contextmanager
def audit_history(at: datetime) -> Iterator[None]:
    """Events recorded inside belong to imported history that happened at `at`.

    Each carries `"historical": true` and `at` in its data, so the timeline shows the step
    at its own moment while the chain keeps the order in which the system recorded it.
    """
    token = _history.set(at)
    try:
        yield
    finally:
        _history.reset(token)


def audit_event_record(
    *,
    event_type: str,
    actor=None,
    signal=None,
    organisation=None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an event to the chain. Runs inside the caller's transaction.

    Takes the chain head's row lock, which stays held until the outermost transaction
    commits and so serialises every writer. Do slow work (rendering a PDF, reading a file)
    before the first append, and give each item of a batch its own transaction.
    """
    with transaction.atomic():
        AuditHead.objects.get_or_create(id=1)
        # UPDATE first: it takes the row lock on PostgreSQL and the write lock on SQLite.
        AuditHead.objects.filter(id=1).update(last_seq=F("last_seq") + 1)
        head = AuditHead.objects.select_for_update().get(id=1)
        created_at = timezone.now()
        historical_at = _history.get()
        if historical_at is not None:
            data = {**(data or {}), "historical": True, "at": historical_at.isoformat()}
        payload = _normalise(data or {})
        actor_id = getattr(actor, "pk", None)
        if actor_id is None:
            actor = None
        organisation_id = getattr(organisation, "pk", None)
        signal_id = getattr(signal, "pk", None)
        digest = _content_hash(
            seq=head.last_seq,
            created_at=created_at.isoformat(),
            actor_id=actor_id,
            organisation_id=organisation_id,
            signal_id=signal_id,
            event_type=event_type,
            data=payload,
            prev_hash=head.last_hash,
        )
        event = AuditEvent(
            seq=head.last_seq,
            created_at=created_at,
            actor_id=actor_id,
            organisation_id=organisation_id,
            signal_id=signal_id,
            event_type=event_type,
            data=payload,
            prev_hash=head.last_hash,
            hash=digest,
        )
        event.save()
        AuditHead.objects.filter(id=1).update(last_hash=digest)
        return event


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    event_id: int
    reason: str


def audit_chain_verify(*, batch_size: int = 2000) -> ChainProblem | None:
    """Return the first broken link of the chain, or None when the chain is intact."""
    prev_hash = GENESIS
    expected_seq = 1
    queryset = AuditEvent.objects.order_by("seq").values(
        "id",
        "seq",
        "created_at",
        "actor_id",
        "organisation_id",
        "signal_id",
        "event_type",
        "data",
        "prev_hash",
        "hash",
    )
    for row in queryset.iterator(chunk_size=batch_size):
        if row["seq"] != expected_seq:
            return ChainProblem(row["seq"], row["id"], f"volgnummer {expected_seq} ontbreekt")
        if row["prev_hash"] != prev_hash:
            return ChainProblem(
                row["seq"], row["id"], "verwijzing naar vorige gebeurtenis klopt niet"
            )
        digest = _content_hash(
            seq=row["seq"],
            created_at=row["created_at"].isoformat(),
            actor_id=row["actor_id"],
            organisation_id=row["organisation_id"],
            signal_id=row["signal_id"],
            event_type=row["event_type"],
            data=row["data"],
            prev_hash=row["prev_hash"],
        )
        if digest != row["hash"]:
            return ChainProblem(row["seq"], row["id"], "inhoud is gewijzigd na vastlegging")
        prev_hash = row["hash"]
        expected_seq += 1
    head = AuditHead.objects.filter(id=1).first()
    if head and head.last_seq != expected_seq - 1:
        return ChainProblem(expected_seq, 0, "laatste gebeurtenis(sen) ontbreken")
    if head and head.last_seq and head.last_hash != prev_hash:
        return ChainProblem(
            expected_seq - 1, 0, "laatste gebeurtenis wijkt af van de vastgelegde ketenkop"
        )
    return None


def access_log_record(*, user, action: str, signal=None, description: str = "") -> None:
    AccessLogEntry.objects.create(
        user=user, signal=signal, action=action, object_description=description[:300]
    )
