from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "signaalloket.deadlines"
    label = "deadlines"
