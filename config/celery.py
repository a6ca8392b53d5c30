"""The portal's Celery application.

With ``REDIS_URL`` set, tasks go through Redis to real workers. Without it (the demo and the
default test run) ``task_always_eager`` runs every task in-process, so the same code paths run
with no broker installed.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
