from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("import/", views.import_upload, name="import_upload"),
    path("import/<int:pk>/", views.import_job, name="import_job"),
    path("import/<int:pk>/verwerk/", views.import_job_step, name="import_job_step"),
]
