from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "signaalloket.documents"
    label = "documents"
