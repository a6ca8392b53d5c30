"""Settings of the Celery workers the fault tests start (tests/testing/faults.py): the test
settings, with the broker, results and cache on the test's own Redis (``REDIS_URL``), tasks
sent through it, and, when ``FAULTS_SMTP_PORT`` is set, mail sent over SMTP to that port on
this machine with ``EMAIL_TIMEOUT``. Everything else is as deployed (``REPORTS_REQUEUE_AFTER_
SECONDS``, ``CELERY_VISIBILITY_TIMEOUT`` and ``EMAIL_TIMEOUT`` come from the environment)."""

import os

from config.settings.test import *  # noqa: F401,F403

CELERY_TASK_ALWAYS_EAGER = False

if os.environ.get("FAULTS_SMTP_PORT"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = "127.0.0.1"
    EMAIL_PORT = int(os.environ["FAULTS_SMTP_PORT"])
