from django.db import models
from django.db.models import OuterRef, Subquery

from signaalloket.accounts.context import access_for
from signaalloket.signals.models import Submitter
from signaalloket.signals.querysets import visible_signal


def _visible_signal(user):
    return visible_signal(user)


class DraftVersionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "DraftVersionQuerySet":
        """Desk and submitters: every version. Officials (who see a signal only from the
        fact-check stage on): only the latest version, never the drafting history."""
        access = access_for(user)
        if access.is_desk:
            return self.all()
        qs = self.filter(_visible_signal(user))
        latest = models.Q(
            number=Subquery(
                type(self)(self.model)
                .filter(signal=OuterRef("signal"))
                .order_by("-number")
                .values("number")[:1]
            )
        )
        if not access.submitter_org_ids:
            return qs.filter(latest)
        own = models.Q(
            models.Exists(
                Submitter.objects.filter(
                    signal=OuterRef("signal"), organisation_id__in=access.submitter_org_ids
                )
            )
        )
        return qs.filter(own | latest)


class CommentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CommentQuerySet":
        """Desk: all comments. Everyone else (submitters, officials once they see the signal,
        from the fact-check stage on): shared comments of the signals they see."""
        if access_for(user).is_desk:
            return self.all()
        return self.filter(_visible_signal(user), visibility="shared")


class PiiDismissalQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PiiDismissalQuerySet":
        """Only the desk handles the personal-data check."""
        return self.all() if access_for(user).is_desk else self.none()
