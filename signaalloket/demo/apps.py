from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for `make run` (`load_demo`, `demo_logins`). Local and test settings only."""

    name = "signaalloket.demo"
    label = "demo"
    verbose_name = "Demo"
