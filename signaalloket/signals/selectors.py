"""Reading signals. Every read starts from Signal.objects.visible_to(user)."""

from django.db.models import Prefetch

from signaalloket.core.errors import NotFound

from .models import Addressee, Signal, Submitter

# The related rows the signal page and its panels show, with the joins they use; panels
# call prefetch_related_objects([signal], ...) with these, which reads nothing when
# signal_get_for_user has already read them.
SUBMITTERS = Prefetch(
    "submitters",
    queryset=Submitter.objects.select_related("organisation", "approved_by", "strategic_rep"),
)
ADDRESSEES = Prefetch(
    "addressees",
    queryset=Addressee.objects.select_related("office__ministry", "contact_official"),
)


def signal_get_for_user(*, user, pk) -> Signal:
    """Authorise and fetch in one step; a signal the user may not see does not exist (404)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise NotFound() from exc
    try:
        return (
            Signal.objects.visible_to(user)
            .select_related("case_handler")
            .prefetch_related(SUBMITTERS, ADDRESSEES, "themes")
            .get(pk=pk)
        )
    except Signal.DoesNotExist as exc:
        raise NotFound() from exc
