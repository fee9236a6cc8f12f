from django.db import models

from signaalloket.accounts.context import access_for
from signaalloket.signals.models import Submitter
from signaalloket.signals.querysets import visible_signal


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "DocumentQuerySet":
        """The only door to documents.

        - desk: every document, including retracted ones;
        - submitters: documents of the signals their organisation (co-)submits, not retracted;
        - officials: documents of the signals they see (addressed to their ministry, from the
          fact-check stage on), not retracted, and never the submitters' signed approval
          letters (the submitting organisations' internal decision).
        """
        access = access_for(user)
        if access.is_desk:
            return self.all()
        if not (access.submitter_org_ids or access.ministry_ids):
            return self.none()
        visible = self.filter(visible_signal(user), retracted_at__isnull=True)
        if access.submitter_org_ids:
            as_submitter = models.Q(
                models.Exists(
                    Submitter.objects.filter(
                        signal=models.OuterRef("signal"),
                        organisation_id__in=access.submitter_org_ids,
                    )
                )
            )
            return visible.filter(as_submitter | ~models.Q(kind="approval_letter"))
        return visible.exclude(kind="approval_letter")


class DocumentVersionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "DocumentVersionQuerySet":
        from .models import Document

        # EXISTS for the reason given at signals.querysets.visible_signal
        return self.filter(
            models.Exists(Document.objects.visible_to(user).filter(pk=models.OuterRef("document")))
        )
