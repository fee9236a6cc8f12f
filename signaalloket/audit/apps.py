from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "signaalloket.audit"
    label = "audit"
