from django.urls import path

from . import views

app_name = "procedure"

urlpatterns = [
    path("signalen/<int:pk>/geadresseerden/", views.addressees, name="addressees"),
    path(
        "signalen/<int:pk>/geadresseerden/<int:aid>/",
        views.addressee_edit,
        name="addressee_edit",
    ),
    path(
        "signalen/<int:pk>/geadresseerden/<int:aid>/bijdrage/",
        views.contribution,
        name="contribution",
    ),
    path("signalen/<int:pk>/instemming/<int:sid>/", views.approve, name="approve"),
    path(
        "signalen/<int:pk>/instemming/<int:sid>/buiten-applicatie/",
        views.approve_offline,
        name="approve_offline",
    ),
    path("signalen/<int:pk>/aanbieden/", views.offer, name="offer"),
    path(
        "signalen/<int:pk>/aanbiedingsbrief.<str:fmt>",
        views.offering_letter,
        name="offering_letter",
    ),
    path("signalen/<int:pk>/reactie/", views.response, name="response"),
    path("signalen/<int:pk>/reactie/aanbieden/", views.deliver, name="deliver"),
    path("signalen/<int:pk>/effectmeting/", views.effect_answer, name="effect_answer"),
]
