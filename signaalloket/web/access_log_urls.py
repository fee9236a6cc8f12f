from django.urls import path

from . import access_log_views as views

# The namespace stays "audit": the pages read the audit app's access log.
app_name = "audit"

urlpatterns = [
    path("inzage/", views.access_log, name="access_log"),
    path("inzage/signaal/<int:pk>/", views.access_log_for_signal, name="access_log_signal"),
    path("inzage/gebruiker/<int:pk>/", views.access_log_for_user, name="access_log_user"),
]
