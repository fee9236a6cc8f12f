"""Which page shows an object now (core/links.py): the link on a conflict, in a notification."""

from django.urls import reverse

from signaalloket.core.links import EFFECT_FORM, register_link


def _signal_page(signal_id) -> str:
    return reverse("web:signal_detail", args=[signal_id])


def _editor(obj) -> str:
    return reverse("drafting:editor", args=[obj.signal_id])


def register_links() -> None:
    register_link("signals.Signal", lambda signal: _signal_page(signal.pk))
    for label in ("signals.Addressee", "meetings.FactCheckMeeting", "publications.Publication"):
        register_link(label, lambda obj: _signal_page(obj.signal_id))
    register_link(
        "documents.Document",
        lambda document: reverse("documents:signal_documents", args=[document.signal_id]),
    )
    register_link("drafting.DraftVersion", _editor)
    register_link("drafting.Comment", _editor)
    register_link("deadlines.Deadline", lambda d: reverse("deadlines:extend", args=[d.pk]))
    register_link(
        "signals.Signal",
        lambda signal: reverse("procedure:effect_answer", args=[signal.pk]),
        purpose=EFFECT_FORM,
    )
