"""Settings shared by every environment; each value that differs per deployment comes from
the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
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
# Answers wait in the survey's ballot box and are written in shuffled batches of at least this
# many (never fewer than SURVEY_MIN_GROUP_SIZE): see survey/ANONYMITY.md.
SURVEY_BATCH_SIZE = int(os.environ.get("SURVEY_BATCH_SIZE", "10"))
# Imports (core.imports): larger files are refused with a message, before they are parsed.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "20000"))

INSTALLED_APPS = [
    # Before the admin: it registers the reference data's fields in six languages.
    "modeltranslation",
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
    "drf_spectacular_sidecar",
    "guardian",
    "axes",
    "django_htmx",
    "django_tables2",
    # The shared building blocks (no models): one range for every date field.
    "core",
    # programmes first: governance's bodies point at the programmes they own.
    "programmes",
    "governance",
    "governance.apitokens",
    "portfolio",
    "portfolio.budgets",
    "portfolio.reports",
    "survey",
    "staffing",
    "planning",
    "transparency",
    # Last: its reference data needs units and programmes, its demo the personas, the survey
    # and the portfolio (KPIs computed from them). It is part of governance's layer.
    "governance.performance",
    # The tamper-evident record over the apps' append-only tables (it sits above them all).
    "ledger",
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
    "core.security.IdleSessionTimeoutMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.security.SecurityHeadersMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its lockout response.
    "axes.middleware.AxesMiddleware",
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
                "governance.context_processors.way_back",
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
    # SQLite waits for a concurrent writer (busy timeout, seconds) instead of failing at once
    # with "database is locked"; IMMEDIATE transactions take the write lock when they begin, so
    # two writers queue instead of deadlocking on the upgrade from read to write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiler pays off on long analytical queries, never on the portal's: it
    # spent 432 ms compiling the portfolio status query that runs in 85 ms (issue 16).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "governance.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out account or address before any password check.
    "axes.backends.AxesStandaloneBackend",
    # Django's model permissions, with the CITO's held by whoever leads OICT.
    "governance.backends.RoleModelBackend",
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

# Sign-in hardening (issue 17). django-axes locks an account, and separately an address, after
# AXES_FAILURE_LIMIT wrong passwords, for AXES_COOLOFF_MINUTES; the login page, the admin's and
# the re-authentication before sensitive changes all count (they call ``authenticate``).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
# How many proxies in front of the portal append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# A session ends after this many minutes without a request, and in any case after
# SESSION_COOKIE_AGE seconds.
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(12 * 60 * 60)))
SESSION_COOKIE_HTTPONLY = True
# Re-authentication (the current password) is asked before creating an API token or changing
# the e-mail address, unless the person signed in or re-authenticated this many minutes ago.
REAUTHENTICATION_MINUTES = int(os.environ.get("REAUTHENTICATION_MINUTES", "5"))
# Content Security Policy (django-csp): scripts and styles only from the portal's own static
# files, no inline script, nothing framed, no plug-ins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=()"
)

# guardian: anonymous users hold no object permissions here.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

LANGUAGE_CODE = "en"
# The organisation's six official languages, in its usual order.
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates, times and numbers per language: config/formats/<locale>/formats.py (one date format and
# one date-time format, with the time zone; digits grouped by three in every language). Amounts
# are grouped where they are shown (floatformat's "g", intcomma, number_format with
# force_grouping): USE_THOUSAND_SEPARATOR would group years, versions and ids too ("2,026").
FORMAT_MODULE_PATH = ["config.formats"]
# Reference data (bodies, units, programmes, initiatives, priority areas, survey topics, services)
# in the six languages: django-modeltranslation adds name_ar, name_zh_hans, name_en... beside
# each translated field (each app's translation.py); a text missing in a language shows in English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
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
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds before a mail server that does not answer is given up on. Mail is sent by Celery
# tasks only, never inside a web request (governance.tasks.send_notification_emails).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# The portal's address as people reach it: links in e-mails are made absolute with it.
PORTAL_URL = os.environ.get("PORTAL_URL", "http://127.0.0.1:8000")

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
    "reports-requeue-stale-runs": {
        "task": "portfolio.reports.tasks.requeue_stale_runs",
        "schedule": crontab(),  # every minute
    },
    "survey-close-due": {
        "task": "survey.tasks.close_due_surveys",
        "schedule": crontab(minute=30, hour=0),
    },
    "governance-resend-emails": {
        "task": "governance.tasks.resend_notification_emails",
        "schedule": crontab(minute="*/5"),
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
    "programmes-compute-kpis": {
        "task": "programmes.tasks.compute_kpis",
        "schedule": crontab(minute=30, hour=1),
    },
    "ledger-verify-chain": {
        "task": "ledger.tasks.verify_chain",
        "schedule": crontab(minute=15, hour=3),
    },
    "governance-sync-body-permissions": {
        "task": "governance.tasks.sync_body_permissions",
        "schedule": crontab(minute=5, hour=0),
    },
}
# Redis hands an unacknowledged (acks_late) message to another worker after this many
# seconds; tests that kill a worker set it low.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
    # A broker that is down is reported in seconds, not after the kernel's TCP timeout: a web
    # request that enqueues a task then records it for later (core.jobs.enqueue).
    "socket_connect_timeout": 3,
    "socket_timeout": 10,
}
# The beat sends a silent report run to the workers again after this many seconds.
REPORTS_REQUEUE_AFTER_SECONDS = int(os.environ.get("REPORTS_REQUEUE_AFTER_SECONDS", "180"))
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # The cache only holds throttle counters: when Redis is down they fail open after
            # a short wait (governance.api.throttling).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.PortalAutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "governance.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "governance.api.permissions.TokenScopePermission",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "core.api.filters.PortalFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["governance.api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": os.environ.get("API_TOKEN_RATE", "5000/hour")},
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    # JSON nested too deep is a 400 (core.api.parsers); forms and files as DRF reads them
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ICT governance portal API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The documentation UI is served from the portal's own static files (no CDN).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.dates_in_range",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
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
        "PlanStatusEnum": "programmes.choices.PlanStatus",
        "VoteChoiceEnum": "governance.choices.VoteChoice",
        "CostKindEnum": "portfolio.choices.CostKind",
        "AssetKindEnum": "portfolio.choices.AssetKind",
        "FundingChoiceEnum": "planning.choices.Choice",
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
    # django-axes logs every sign-in at INFO; lockouts are warnings.
    "loggers": {"axes": {"level": "WARNING"}},
}
