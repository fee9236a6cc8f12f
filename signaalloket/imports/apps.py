from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "signaalloket.imports"
    label = "imports"
    verbose_name = "Import van historische signalen"
