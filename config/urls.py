from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from signaalloket.accounts import views as accounts_views
from signaalloket.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("inloggen/", accounts_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("beheer/", admin.site.urls),
    path("", include("signaalloket.accounts.urls")),
    path("", include("signaalloket.web.access_log_urls")),
    path("", include("signaalloket.documents.urls")),
    path("", include("signaalloket.drafting.urls")),
    path("", include("signaalloket.meetings.urls")),
    path("", include("signaalloket.notifications.urls")),
    path("", include("signaalloket.procedure.urls")),
    path("", include("signaalloket.imports.urls")),
    path("", include("signaalloket.reports.urls")),
    path("", include("signaalloket.publications.urls")),
    path("", include("signaalloket.lists.urls")),
    path("signalen/", include("signaalloket.signals.urls")),
    path("termijnen/", include("signaalloket.deadlines.urls")),
    path("", include("signaalloket.web.urls")),
]

handler400 = "signaalloket.core.views.bad_request"
handler403 = "signaalloket.core.views.permission_denied"
handler404 = "signaalloket.core.views.page_not_found"
handler500 = "signaalloket.core.views.server_error"
