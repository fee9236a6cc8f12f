"""What a table of signals loads: only the columns it shows.

Lists and dashboards show a reference, a title, the submitters, the state and the next
deadline. Loading whole signals with their addressees and case handler cost more than the
rendering (make bench), so rows load just this.
"""

from django.db.models import Prefetch

from signaalloket.signals.models import Submitter

ROW_FIELDS = ("reference", "title", "state")


def submitter_names():
    """Prefetch of the submitters with only the organisation's name (lead first)."""
    return Prefetch(
        "submitters",
        queryset=Submitter.objects.select_related("organisation").only(
            "signal", "is_lead", "organisation__name"
        ),
    )


def for_rows(queryset, *, submitters: bool = True):
    """A Signal queryset (already visible_to and annotated) narrowed to what a row shows."""
    queryset = queryset.only(*ROW_FIELDS)
    return queryset.prefetch_related(submitter_names()) if submitters else queryset
