"""Settings for the test suite: fast hashing, in-memory e-mail, tasks run in-process."""

from .base import *  # noqa: F401,F403

SECRET_KEY = "test-only-not-secret"
DEBUG = False
DEMO_PASSWORDS_ALLOWED = True
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LANGUAGE_CODE = "en"
# Tasks run in-process in tests, even when REDIS_URL is set; the real-worker tests switch this
# off for their duration (tests/testing/celery.py).
CELERY_TASK_ALWAYS_EAGER = True
