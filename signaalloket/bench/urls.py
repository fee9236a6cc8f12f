"""URLconf for the bench only (ROOT_URLCONF is switched to this in `manage.py bench`)."""

from django.urls import path

from config.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401

from . import views

urlpatterns = [
    path("bench/floor/", views.floor, name="bench_floor"),
    path("bench/floor/plain/", views.floor_plain, name="bench_floor_plain"),
    *urlpatterns,
]
