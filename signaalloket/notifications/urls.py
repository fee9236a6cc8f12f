from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("berichten/", views.inbox, name="inbox"),
    path("berichten/alles-gelezen/", views.mark_all_read, name="mark_all_read"),
    path("berichten/voorkeuren/", views.preferences, name="preferences"),
    path("berichten/<int:nid>/", views.open_notification, name="open"),
    path("berichten/<int:nid>/gelezen/", views.mark_read, name="mark_read"),
]
