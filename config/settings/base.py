"""Settings shared by every environment; each value that differs per deployment comes from
the environment."""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Whether `load_demo_data` may give the personas the well-known password "demo".
DEMO_PASSWORDS_ALLOWED = False

# Survey results hide any group of respondents smaller than this (anonymity).
SURVEY_MIN_GROUP_SIZE = int(os.environ.get("SURVEY_MIN_GROUP_SIZE", "5"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "guardian",
    # programmes first: governance's bodies point at the programmes they own.
    "programmes",
    "governance",
    "governance.apitokens",
    "portfolio",
    "portfolio.budgets",
    "portfolio.reports",
    "survey",
    "staffing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "governance.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "governance.context_processors.main_navigation",
                "governance.context_processors.unread_notifications",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'portal.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite waits for a concurrent writer instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "governance.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# guardian: anonymous users hold no object permissions here.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ict-governance@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))

# Celery: a broker only when REDIS_URL is set; otherwise every task runs in-process.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The one beat schedule; later capabilities add their periodic tasks here.
CELERY_BEAT_SCHEDULE = {
    "reports-last-quarter": {
        "task": "portfolio.reports.tasks.build_last_quarter_report",
        # 02:00 on the first day of January, April, July and October.
        "schedule": crontab(minute=0, hour=2, day_of_month=1, month_of_year="1,4,7,10"),
    },
    "reports-daily-reminders": {
        "task": "portfolio.reports.tasks.send_reminders",
        "schedule": crontab(minute=0, hour=7),
    },
    "budgets-daily-reminders": {
        "task": "portfolio.budgets.tasks.remind_budgets_due",
        "schedule": crontab(minute=10, hour=7),
    },
    "staffing-daily-reminders": {
        "task": "staffing.tasks.remind_snapshots_due",
        "schedule": crontab(minute=20, hour=7),
    },
    "governance-sync-body-permissions": {
        "task": "governance.tasks.sync_body_permissions",
        "schedule": crontab(minute=5, hour=0),
    },
}
# Redis hands an unacknowledged (acks_late) message to another worker after this many
# seconds; tests that kill a worker set it low.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))
}

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "governance.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "governance.api.permissions.TokenScopePermission",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "governance.api.filters.PortalFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "governance.api.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["governance.api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": os.environ.get("API_TOKEN_RATE", "5000/hour")},
    "EXCEPTION_HANDLER": "governance.api.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ICT governance portal API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Choice sets that share a field name ("kind", "state") get names of their own.
    "ENUM_NAME_OVERRIDES": {
        "BodyKindEnum": "governance.choices.BodyKind",
        "MeetingKindEnum": "governance.choices.MeetingKind",
        "AgendaItemKindEnum": "governance.choices.AgendaItemKind",
        "MeetingStateEnum": "governance.choices.MeetingState",
        "BudgetSubmissionStateEnum": "portfolio.budgets.choices.SubmissionState",
        "BudgetCategoryEnum": "portfolio.budgets.choices.Category",
        "ProjectStateEnum": "portfolio.choices.ProjectState",
        "RagEnum": "portfolio.choices.Rag",
    },
}

# Portfolio: a project is "major" (it goes on to the Executive Committee) at or above this total
# estimated cost in USD, or when it spans programmes; business cases discount at this rate.
PORTFOLIO_MAJOR_PROJECT_THRESHOLD = int(
    os.environ.get("PORTFOLIO_MAJOR_PROJECT_THRESHOLD", "1000000")
)
PORTFOLIO_DISCOUNT_RATE = os.environ.get("PORTFOLIO_DISCOUNT_RATE", "0.08")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
