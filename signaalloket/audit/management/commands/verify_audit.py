"""Check the audit hash chain: `manage.py verify_audit`. Exit code 1 on the first broken link."""

from django.core.management.base import BaseCommand, CommandError

from signaalloket.audit.models import AuditEvent
from signaalloket.audit.services import audit_chain_verify


class Command(BaseCommand):
    help = "Controleert de hashketen van het auditlog en meldt de eerste verbroken schakel."

    def handle(self, *args, **options) -> None:
        problem = audit_chain_verify()
        if problem is not None:
            raise CommandError(
                f"Auditlog NIET in orde: eerste verbroken schakel bij volgnummer {problem.seq} "
                f"(id {problem.event_id}): {problem.reason}.",
                returncode=1,
            )
        count = AuditEvent.objects.count()
        self.stdout.write(
            self.style.SUCCESS(f"Auditlog in orde: {count} gebeurtenissen, hashketen intact.")
        )
