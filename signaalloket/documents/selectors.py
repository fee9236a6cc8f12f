from django.db.models import Prefetch

from signaalloket.core.errors import NotFound

from .models import Document, DocumentVersion


def documents_for_signal(*, user, signal):
    return (
        Document.objects.visible_to(user)
        .filter(signal=signal)
        .select_related("created_by", "retracted_by")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=DocumentVersion.objects.select_related("uploaded_by").order_by("-number"),
                to_attr="version_list",
            )
        )
        .order_by("-created_at", "-id")
    )


def document_get_for_user(*, user, pk) -> Document:
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise NotFound() from exc
    try:
        return (
            Document.objects.visible_to(user)
            .select_related("signal", "created_by", "retracted_by")
            .prefetch_related(
                "signal__submitters",
                "signal__addressees__office",
                Prefetch(
                    "versions",
                    queryset=DocumentVersion.objects.select_related("uploaded_by").order_by(
                        "-number"
                    ),
                    to_attr="version_list",
                ),
            )
            .get(pk=pk)
        )
    except Document.DoesNotExist as exc:
        raise NotFound() from exc
