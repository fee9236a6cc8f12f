from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "signaalloket.web"
    label = "web"
