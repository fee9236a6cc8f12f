from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("overzicht/<slug:key>/", views.dashboard_section, name="dashboard_section"),
    path("zoeken/", views.search_view, name="search"),
    path("statistieken/", views.statistics_view, name="statistics"),
    path("jaarverslag/", views.annual_report_index, name="annual_index"),
    path("jaarverslag/<int:year>/", views.annual_report_view, name="annual_report"),
    path("signalen/export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("signalen/export.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("signalen/<int:pk>/vergelijkbaar/", views.similar_view, name="similar"),
]
