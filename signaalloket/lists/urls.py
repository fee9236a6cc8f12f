from django.urls import path

from . import views

app_name = "lists"

urlpatterns = [
    path("signalen/filters/", views.saved_filter_create_view, name="saved_filter_create"),
    path(
        "signalen/filters/<int:pk>/verwijderen/",
        views.saved_filter_delete_view,
        name="saved_filter_delete",
    ),
]
