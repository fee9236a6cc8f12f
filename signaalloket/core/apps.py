from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "signaalloket.core"
    label = "core"
