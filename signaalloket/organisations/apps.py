from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "signaalloket.organisations"
    label = "organisations"
