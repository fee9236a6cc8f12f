from django.urls import path

from . import views

app_name = "publications"

urlpatterns = [
    path("signalen/<int:pk>/publicatie/", views.publication_edit, name="publication_edit"),
    path("register/", views.public_register, name="public_register"),
]
