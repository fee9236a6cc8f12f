from django.urls import path

from . import views

app_name = "drafting"

urlpatterns = [
    path("signalen/<int:pk>/verkenning/", views.intake, name="intake"),
    path("signalen/<int:pk>/concept/", views.editor, name="editor"),
    path("signalen/<int:pk>/concept/versies/", views.version_list, name="version_list"),
    path(
        "signalen/<int:pk>/concept/versies/<int:number>/",
        views.version_detail,
        name="version_detail",
    ),
    path("signalen/<int:pk>/concept/vergelijk/", views.version_compare, name="version_compare"),
    path("signalen/<int:pk>/concept/opmerkingen/", views.comment_create, name="comment_create"),
    path(
        "signalen/<int:pk>/concept/opmerkingen/<int:comment_pk>/<str:action>/",
        views.comment_state,
        name="comment_state",
    ),
    path(
        "signalen/<int:pk>/concept/persoonsgegevens/",
        views.pii_dismiss_view,
        name="pii_dismiss",
    ),
    path("signalen/<int:pk>/concept/pdf/", views.export_pdf, name="export_pdf"),
    path("signalen/<int:pk>/concept/docx/", views.export_docx, name="export_docx"),
    path("concept/format/", views.format_manage, name="format_manage"),
    path("concept/namenlijst/", views.name_list, name="name_list"),
]
