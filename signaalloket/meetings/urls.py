from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("signalen/<int:pk>/overleg/", views.schedule, name="schedule"),
    path("signalen/<int:pk>/overleg/<int:mid>/wijzigen/", views.change, name="change"),
    path("signalen/<int:pk>/overleg/<int:mid>/annuleren/", views.cancel, name="cancel"),
    path("signalen/<int:pk>/overleg/<int:mid>/uitkomst/", views.outcome, name="outcome"),
    path("signalen/<int:pk>/overleg/<int:mid>/agenda.ics", views.ics, name="ics"),
]
