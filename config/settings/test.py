"""Test settings: SQLite in memory unless DATABASE_URL is set (CI runs the suite on PostgreSQL too)."""

from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS, env

# The demo data (`make run`) and the bench; never in production settings.
INSTALLED_APPS = [*INSTALLED_APPS, "signaalloket.demo", "signaalloket.bench"]

DEBUG = False
SECRET_KEY = "test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz-abcdef"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
MFA_REQUIRED = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
LANGUAGE_CODE = "nl"
# Static files come from the finders (no collectstatic locally); whitenoise needs no STATIC_ROOT.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
