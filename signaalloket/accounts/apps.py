from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "signaalloket.accounts"
    label = "accounts"
