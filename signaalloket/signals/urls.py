from django.urls import path

from . import views

app_name = "signals"

urlpatterns = [
    path("nieuw/", views.signal_new, name="new"),
    path("<int:pk>/bewerken/", views.signal_edit, name="edit"),
]
