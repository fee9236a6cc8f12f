from django.apps import AppConfig


class DraftingConfig(AppConfig):
    name = "signaalloket.drafting"
    label = "drafting"
    verbose_name = "Opstellen"
