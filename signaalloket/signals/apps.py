from django.apps import AppConfig


class SignalsConfig(AppConfig):
    name = "signaalloket.signals"
    label = "signals"
    verbose_name = "Bestuurlijke signalen"
