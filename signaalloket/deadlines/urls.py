from django.urls import path

from . import views

app_name = "deadlines"

urlpatterns = [
    path("<int:pk>/verlengen/", views.deadline_extend_view, name="extend"),
]
