"""Settings for the worker the crash test kills: Redis hands an unacknowledged message to
another worker after a few seconds (instead of an hour), and sweeps for such messages every
second."""

import os

from config.settings.test import *  # noqa: F401,F403

CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "4")),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
