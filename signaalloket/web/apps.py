from django.apps import AppConfig

from .links import register_links


class WebConfig(AppConfig):
    name = "signaalloket.web"
    label = "web"

    def ready(self) -> None:
        register_links()
