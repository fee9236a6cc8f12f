from django.urls import path

from . import participants_views as p
from . import views

app_name = "signals"

urlpatterns = [
    path("nieuw/", views.signal_new, name="new"),
    path("<int:pk>/bewerken/", views.signal_edit, name="edit"),
    path("<int:pk>/betrokkenen/", p.participants, name="participants"),
    path("<int:pk>/betrokkenen/indieners/", p.submitter_add_view, name="submitter_add"),
    path(
        "<int:pk>/betrokkenen/indieners/<int:sid>/verwijderen/",
        p.submitter_remove_view,
        name="submitter_remove",
    ),
    path(
        "<int:pk>/betrokkenen/indieners/<int:sid>/hoofdindiener/",
        p.submitter_make_lead_view,
        name="submitter_make_lead",
    ),
    path(
        "<int:pk>/betrokkenen/indieners/<int:sid>/strategisch-vertegenwoordiger/",
        p.strategic_rep_view,
        name="strategic_rep",
    ),
    path(
        "<int:pk>/betrokkenen/indieners/<int:sid>/contactpersonen/",
        p.contact_add_view,
        name="contact_add",
    ),
    path(
        "<int:pk>/betrokkenen/contactpersonen/<int:cid>/bevestigen/",
        p.contact_confirm_view,
        name="contact_confirm",
    ),
    path(
        "<int:pk>/betrokkenen/contactpersonen/<int:cid>/verwijderen/",
        p.contact_remove_view,
        name="contact_remove",
    ),
    path("<int:pk>/betrokkenen/behandelaar/", p.case_handler_view, name="case_handler"),
    path(
        "<int:pk>/betrokkenen/geadresseerden/<int:aid>/verwijderen/",
        p.addressee_remove_view,
        name="addressee_remove",
    ),
]
