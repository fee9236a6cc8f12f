from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "signaalloket.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the login signals)
