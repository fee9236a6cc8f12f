"""Writes of the saved list filters. Each records an audit event."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from signaalloket.audit.services import audit_event_record
from signaalloket.core.errors import NotAllowed, ValidationFailed

from .models import SavedFilter
from .permissions import may_delete_saved_filter, may_save_filter


def saved_filter_create(*, user, name: str, query_string: str) -> SavedFilter:
    if not may_save_filter(user):
        raise NotAllowed()
    name = (name or "").replace("\x00", "").strip()
    if not name:
        raise ValidationFailed(_("Geef het filter een naam."), field="name")
    if len(name) > 100:
        raise ValidationFailed(_("De naam is te lang (maximaal 100 tekens)."), field="name")
    query_string = (query_string or "").replace("\x00", "").lstrip("?")
    if len(query_string) > 2000:
        raise ValidationFailed(_("Dit filter is te lang om op te slaan."))
    try:
        with transaction.atomic():
            saved = SavedFilter.objects.create(user=user, name=name, query_string=query_string)
            audit_event_record(
                event_type="saved_filter.created",
                actor=user,
                data={"name": name, "query": query_string},
            )
    except IntegrityError as exc:
        raise ValidationFailed(_("U heeft al een filter met deze naam."), field="name") from exc
    return saved


def saved_filter_delete(*, user, saved_filter: SavedFilter) -> None:
    if not may_delete_saved_filter(user, saved_filter):
        raise NotAllowed()
    with transaction.atomic():
        audit_event_record(
            event_type="saved_filter.deleted", actor=user, data={"name": saved_filter.name}
        )
        saved_filter.delete()
