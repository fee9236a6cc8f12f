from django.apps import AppConfig


class ListsConfig(AppConfig):
    name = "signaalloket.lists"
    label = "lists"
    verbose_name = "Opgeslagen lijstfilters"
