from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("tweestapsverificatie/instellen/", views.mfa_setup, name="mfa_setup"),
    path("tweestapsverificatie/controle/", views.mfa_verify, name="mfa_verify"),
    path("tweestapsverificatie/herstelcodes/", views.mfa_backup_codes, name="mfa_backup_codes"),
    path("wachtwoord-wijzigen/", views.password_change, name="password_change"),
]
