from django.urls import path

from . import views

app_name = "procedure"

urlpatterns = [
    path("signalen/<int:pk>/effectmeting/", views.effect_answer, name="effect_answer"),
]
