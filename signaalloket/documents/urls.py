from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("signalen/<int:pk>/documenten/", views.signal_documents, name="signal_documents"),
    path("documenten/<int:pk>/", views.document_detail, name="document_detail"),
    path("documenten/<int:pk>/versie/", views.document_version_add, name="version_add"),
    path("documenten/<int:pk>/intrekken/", views.document_retract_view, name="retract"),
    path("documenten/<int:pk>/download/", views.document_download, name="download"),
    path(
        "documenten/<int:pk>/versies/<int:number>/download/",
        views.document_download,
        name="download_version",
    ),
]
