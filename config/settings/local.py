"""Local development: SQLite under var/, mail to files under var/mail, MFA relaxed (shown by a banner)."""

from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS, env

# The demo data (`make run`) and the bench; never in production settings.
INSTALLED_APPS = [*INSTALLED_APPS, "signaalloket.demo", "signaalloket.bench"]

DEBUG = env.bool("DEBUG", default=True)
(BASE_DIR / "var").mkdir(exist_ok=True)
SECRET_KEY = env(
    "SECRET_KEY", default="local-development-only-not-secret-0123456789abcdefghijklmnop"
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=False)
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come from the finders (no collectstatic locally); whitenoise needs no STATIC_ROOT.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
