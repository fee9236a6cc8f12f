"""What an update really changed, in a shape the audit chain can store.

A change event records only the fields whose value differs, each as {"old": ..., "new": ...}.
Values are made JSON-safe: dates and times as ISO strings, model instances as their pk,
many-to-many values (any iterable) as a sorted list of pks or names, enums as their value.
A string longer than `long_text` is stored as a digest {"sha256": <12 hex>, "length": n}
so the chain does not keep a second copy of long texts.
"""

import datetime as dt
import enum
import hashlib
import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import models

LONG_TEXT = 200


def json_safe(value: Any) -> Any:
    """The value as the audit chain stores it (comparable with ==)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return json_safe(value.value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).isoformat()  # one instant, one text
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, Iterable):
        items = [json_safe(v) for v in value]
        try:
            return sorted(items)
        except TypeError:
            return sorted(items, key=repr)
    return str(value)


def _digest(value: Any, long_text: int) -> Any:
    if isinstance(value, str) and len(value) > long_text:
        return {
            "sha256": hashlib.sha256(value.encode("utf-8")).hexdigest()[:12],
            "length": len(value),
        }
    return value


def field_changes(
    before: Mapping[str, Any], after: Mapping[str, Any], *, long_text: int = LONG_TEXT
) -> dict[str, dict[str, Any]]:
    """{field: {"old": ..., "new": ...}} for every field of `after` whose value differs.

    Fields missing from `before` count as None. Long strings become digests.
    """
    changes: dict[str, dict[str, Any]] = {}
    for name in sorted(after):
        old = json_safe(before.get(name))
        new = json_safe(after[name])
        if old != new:
            changes[name] = {"old": _digest(old, long_text), "new": _digest(new, long_text)}
    return changes


def snapshot(instance: models.Model, names: Iterable[str]) -> dict[str, Any]:
    """The stored values of `names` on `instance` (foreign keys as pk, M2M as pks)."""
    values: dict[str, Any] = {}
    for name in names:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            values[name] = [obj.pk for obj in getattr(instance, name).all()]
        elif field.is_relation:
            values[name] = getattr(instance, field.attname)
        else:
            values[name] = getattr(instance, name)
    return values
