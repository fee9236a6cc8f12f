"""Search sources built by the drafting app: draft sections and comments."""

import logging
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from signaalloket.drafting.models import Comment, DraftVersion

logger = logging.getLogger(__name__)


def _section_texts(signal_ids: list[int]) -> Iterable:
    """The newest draft version of each signal: every section's text in one entry."""
    from .search_index import IndexText

    newest: dict[int, tuple[int, int, dict]] = {}
    for pk, signal_id, number, texts in (
        DraftVersion.objects.filter(signal_id__in=signal_ids)
        .order_by("signal_id", "number")
        .values_list("pk", "signal_id", "number", "texts")
    ):
        newest[signal_id] = (pk, number, texts or {})
    for signal_id, (pk, number, texts) in newest.items():
        yield IndexText(
            signal_id=signal_id,
            object_id=pk,
            title=str(_("Concepttekst, versie %(n)s") % {"n": number}),
            body="\n".join(str(value) for value in texts.values() if value),
        )


def _section_visible(user):
    return DraftVersion.objects.visible_to(user)


def _comment_texts(signal_ids: list[int]) -> Iterable:
    from .search_index import IndexText

    for pk, signal_id, section_key, body, visibility in Comment.objects.filter(
        signal_id__in=signal_ids
    ).values_list("pk", "signal_id", "section_key", "body", "visibility"):
        yield IndexText(
            signal_id=signal_id,
            object_id=pk,
            title=str(_("Opmerking bij %(section)s") % {"section": section_key}),
            body=body,
            desk_only=visibility != "shared",
        )


def _comment_visible(user):
    return Comment.objects.visible_to(user)


def register_optional_providers() -> None:
    from .search_index import TextProvider, register_provider

    register_provider(
        TextProvider(
            source="section",
            label=_("Concepttekst"),
            texts=_section_texts,
            visible=_section_visible,
        )
    )
    register_provider(
        TextProvider(
            source="comment",
            label=_("Opmerking"),
            texts=_comment_texts,
            visible=_comment_visible,
        )
    )
