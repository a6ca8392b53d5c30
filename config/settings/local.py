"""Local development and the demo: SQLite under var/, console e-mail, no broker needed."""

import os

from .base import *  # noqa: F401,F403
from .base import VAR_DIR, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "local-development-only-not-secret"
DEMO_PASSWORDS_ALLOWED = True
VAR_DIR.mkdir(parents=True, exist_ok=True)
