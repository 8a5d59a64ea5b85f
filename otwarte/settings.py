"""Otwarte settings: one module, configured through the environment.

Safe defaults make the local demo (`make run`) work with no variables at all;
production (DEBUG off) refuses to start without a real SECRET_KEY.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true/false (or 1/0), got {value!r}.")


def envint(name, default, *, minimum=0):
    """An integer from the environment; a bad value stops the start with its name."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {value!r}.") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {number}.")
    return number


def envfloat(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, got {value!r}.") from None


def envsecret(name, *, required, fallback=""):
    """A secret from the environment; missing when required stops the start."""
    value = os.environ.get(name, "")
    if not value and required:
        raise ImproperlyConfigured(
            f"{name} is not set. Set the {name} environment variable "
            "(or DEBUG=1 for local development only)."
        )
    return value or fallback


def envlist(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def envnetworks(name, default):
    """Comma-separated addresses or CIDR networks; a bad one stops the start with its name."""
    networks = []
    for item in envlist(name, default):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must list IP addresses or networks (e.g. 127.0.0.1,10.0.0.0/8), "
                f"got {item!r}."
            ) from None
    return tuple(networks)


DEBUG = envbool("DEBUG", False)

# PRODUCTION=1 marks a real deployment behind HTTPS: it demands a strong secret
# and explicit ALLOWED_HOSTS and switches on the HTTPS-only settings below
# (docs/deploy.md). Off by default so the demo and the test suite run on http.
PRODUCTION = envbool("PRODUCTION", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("PRODUCTION=1 and DEBUG=1 exclude each other.")

SECRET_KEY = envsecret(
    "SECRET_KEY",
    required=not DEBUG,
    fallback="insecure-local-development-key-never-use-in-production",
)
if PRODUCTION and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured(
        "SECRET_KEY is too short for production: use at least 50 random characters, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. In production list the site's host names, "
        "comma-separated (ALLOWED_HOSTS=otwarte.example.org)."
    )
# Origins allowed to POST forms when the proxy's host differs, e.g. https://otwarte.example.org.
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin to patch its forms.
    "modeltranslation",
    # The admin with an optional second factor (otwarte.admin_site).
    "otwarte.apps.OtwarteAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "simple_history",
    "django_tasks_db",
    "otwarte",
    # The apps in the order of the cycle; each imports only those above it
    # (docs/architecture.md, enforced by import-linter in CI).
    "practices",
    "reports",
    "jury",
    "booklet",
    "exchange",
    "public",
    # The migrants' civic audit (issue 19): a top-layer app, imported by nobody.
    "surveys",
    # City policy scorecards (issue 27): above surveys, whose results they show.
    "scorecards",
    # The translators' worklist and the translation statuses (issue 16).
    "translations",
    "cockpit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before SessionMiddleware on purpose: a hit skips sessions, auth, CSRF and
    # locale; "anonymous" means "no session cookie" (see otwarte/cache/pages.py).
    "otwarte.cache.pages.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Records who made each change in the audit trail (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a lockout raised during authentication into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "otwarte.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "otwarte.context_processors.languages",
                "otwarte.context_processors.site_links",
                "otwarte.context_processors.account",
            ],
        },
    },
]

WSGI_APPLICATION = "otwarte.wsgi.application"

# The embedded default is an SQLite file next to manage.py; production sets
# DATABASE_URL=postgres://... (psycopg 3).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}


def cache_from_url(url):
    """CACHE_URL/REDIS_URL → a CACHES entry: redis://, rediss://, unix:// or locmem://."""
    if not url or url.startswith("locmem://"):
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": url.removeprefix("locmem://") or "otwarte",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            # django-redis keeps one redis client per server (Django's own RedisCache
            # builds one per operation, costlier than the round trip: docs/performance.md).
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "otwarte"),
        }
    raise ImproperlyConfigured(
        f"CACHE_URL must be redis://, rediss://, unix:// or locmem://, got {url!r}."
    )


# Local memory by default (one process). With several server processes use a
# shared cache (REDIS_URL): the open-call rate limit counts in it, and each
# worker would otherwise keep its own copy of the pages. The content version
# that invalidates cached pages is shared either way (otwarte/cache/version.py: in the
# database while the cache is per process; `check --deploy` warns, otwarte.W001).
CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", ""))}

# Sessions stay in the database (the default "db" engine), also with Redis.
# "cached_db" would save one query per request (not measurable in the juror
# save benchmark) but fails logins with a 500 while Redis is down, unlike the
# rest of the site, and with the per-process LocMem cache a worker would keep
# accepting a session that another worker ended.

# Response cache for anonymous visitors of the public pages (otwarte/cache/pages.py).
PUBLIC_CACHE = envbool("PUBLIC_CACHE", True)
# otwarte.cache.values.remember(): data-derived values and rendered fragments (choice
# lists, counts, the filter form, map, chart, award lists, booklet fingerprints)
# kept in the cache per content version; independent of PUBLIC_CACHE.
PUBLIC_FRAGMENTS = envbool("PUBLIC_FRAGMENTS", True)
PUBLIC_REMEMBER_SECONDS = envint("PUBLIC_REMEMBER_SECONDS", 3600)
PUBLIC_CACHE_SECONDS = envint("PUBLIC_CACHE_SECONDS", 3600)
# How long a shared cache (nginx, a CDN) may serve a public page without asking
# (s-maxage); browsers always revalidate (max-age=0, ETag).
PUBLIC_CACHE_SHARED_SECONDS = envint("PUBLIC_CACHE_SHARED_SECONDS", 10)
# Where the content version lives: "cache" (shared caches) or "database"
# (per-process caches); empty chooses by the cache backend.
PUBLIC_CACHE_VERSION_STORE = os.environ.get("PUBLIC_CACHE_VERSION_STORE", "")
# Changing any of these invalidates every cached page; missing models are skipped.
PUBLIC_CACHE_MODELS = [
    "practices.*",
    "jury.Juror",
    "jury.Criterion",
    "jury.JurorQuote",
    # Experts and their cities on the edition page and in the booklet.
    "practices.Assignment",
    # Survey set-up; responses bump the version themselves when a counted one
    # changes (surveys.services), not on every unverified save.
    "surveys.Survey",
    "surveys.Target",
    "surveys.Criterion",
    # City policy scorecards: definitions, answers and verifications.
    "scorecards.*",
]
# Sections under /<lang>/ that are never cached (personal or staff pages).
PUBLIC_CACHE_EXCLUDED_SECTIONS = [
    "admin", "jury", "cockpit", "account", "accounts", "login", "logout", "reports",
]
PUBLIC_CACHE_EXTRA_PREFIXES = ["/api/v1/"]

# The migrants' civic audit (surveys/, docs/surveys.md).
# A target with fewer verified answers than this is "too few answers", never ranked.
SURVEYS_MIN_RESPONSES = envint("SURVEYS_MIN_RESPONSES", 10, minimum=1)
# How long an e-mailed response link works (days); a new link can be asked for.
SURVEYS_LINK_MAX_AGE_DAYS = envint("SURVEYS_LINK_MAX_AGE_DAYS", 14, minimum=1)
# Response form posts per client address per hour, and code uses per batch per hour.
SURVEYS_RATE_LIMIT = envint("SURVEYS_RATE_LIMIT", 20, minimum=1)
SURVEYS_BATCH_RATE_LIMIT = envint("SURVEYS_BATCH_RATE_LIMIT", 200, minimum=1)
# More accepted responses than this from one address within SURVEYS_BURST_SECONDS
# are flagged for the organisers' review (still counted until voided).
SURVEYS_BURST_LIMIT = envint("SURVEYS_BURST_LIMIT", 3, minimum=1)
SURVEYS_BURST_SECONDS = envint("SURVEYS_BURST_SECONDS", 600, minimum=1)
# Responses are deleted this many years after their survey closes (`manage.py
# purge_survey_responses`, run it daily); the privacy notice says so.
SURVEYS_RETENTION_YEARS = envint("SURVEYS_RETENTION_YEARS", 3, minimum=1)

# `manage.py restore` refuses a backup that expands to more than this (MB).
RESTORE_MAX_MB = envint("RESTORE_MAX_MB", 200, minimum=1)

# `make bench` only: a bare view at /bench/bare/ measures Django's own ceiling.
BENCH_BARE_VIEW = envbool("BENCH_BARE_VIEW", False)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses locked-out logins before any password is checked.
    "otwarte.auth.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "pl"
LANGUAGES = [
    ("pl", _("Polish")),
    ("en", _("English")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

# Content is written in Polish first; every other language falls back to it.
MODELTRANSLATION_DEFAULT_LANGUAGE = "pl"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("pl",)
# The admin's language tabs need jQuery UI; modeltranslation would load it from
# Google's CDN, which the Content-Security-Policy (and privacy) forbid: ship it,
# from npm (package.json; otwarte/vendor.py serves it from node_modules).
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Front-end code installed by npm (`npm ci`), listed file by file in otwarte/vendor.py.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "otwarte.vendor.NpmFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            # Hashed names need `collectstatic` first: on in production (docs/deploy.md).
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if envbool("STATIC_MANIFEST", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

# Background tasks (booklet rendering). "database" queues them for `manage.py db_worker`
# (django-tasks-db); "immediate" runs them in the request, for the local demo and tests.
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
_tasks_backend = os.environ.get("TASKS_BACKEND", "immediate" if DEBUG else "database")
if _tasks_backend not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {sorted(TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_tasks_backend]}}
# A booklet rendering queued or running longer than this (seconds) was interrupted
# (a real edition renders in well under a minute); it counts as failed and can be retried.
BOOKLET_RENDER_TIMEOUT = envint("BOOKLET_RENDER_TIMEOUT", 900, minimum=1)

# Console by default (invitations print their link); SMTP when SMTP_HOST is set.
if os.environ.get("SMTP_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["SMTP_HOST"],
                "port": envint("SMTP_PORT", 587, minimum=1),
                "username": os.environ.get("SMTP_USER", ""),
                "password": os.environ.get("SMTP_PASSWORD", ""),
                "use_tls": envbool("SMTP_USE_TLS", True),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "otwarte@localhost")
# Who runs the site and how readers reach them: the contact page, the privacy notice and
# the accessibility statement (public/legal.py) name them; set them in production.
SITE_OWNER = os.environ.get("SITE_OWNER", "Fundacja „Inna Przestrzeń”")
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", DEFAULT_FROM_EMAIL)
CONTACT_PHONE = os.environ.get("CONTACT_PHONE", "")
CONTACT_ADDRESS = os.environ.get("CONTACT_ADDRESS", "")
# The site's address for links in e-mails sent without a request (after a phase
# move, by a job); empty: links are paths only.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

# Security ------------------------------------------------------------------
# Content-Security-Policy (Django's own middleware): only our own scripts,
# styles, images and fonts; no inline code, no framing, no plugins.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A refused form in the site's error layout (templates/403_csrf.html).
CSRF_FAILURE_VIEW = "otwarte.error_views.csrf_failure"

# HTTPS-only settings: on with PRODUCTION=1, each overridable from the environment.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", PRODUCTION)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", PRODUCTION)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", PRODUCTION)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", PRODUCTION)
# Behind a reverse proxy that terminates TLS: SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto
# makes Django trust "X-Forwarded-Proto: https" (only if the proxy always sets it).
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    _proxy_header = os.environ["SECURE_PROXY_SSL_HEADER"].strip()
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _proxy_header.upper().replace("-", "_"),
        os.environ.get("SECURE_PROXY_SSL_VALUE", "https"),
    )

# Login lockout (django-axes): after AXES_FAILURE_LIMIT failures for one
# username from one address, logins are refused for AXES_COOLOFF_HOURS with 429.
# A wrong second-factor code counts as a failure (otwarte.second_factor), and
# AXES_IP_FAILURE_LIMIT failures from one address across all usernames (password
# spraying) lock that address too (otwarte.auth.LockoutBackend).
AXES_VERBOSE = False
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_IP_FAILURE_LIMIT = envint("AXES_IP_FAILURE_LIMIT", 20, minimum=1)
AXES_COOLOFF_TIME = timedelta(hours=envfloat("AXES_COOLOFF_HOURS", 1.0))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "429.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]
AXES_CLIENT_IP_CALLABLE = "otwarte.http.client_ip"
# The reverse proxies in front of the app (addresses or CIDR networks). Only a
# request whose REMOTE_ADDR is one of them has its X-Forwarded-For believed, and
# only the entries these proxies appended (otwarte.http.client_ip). Empty: no
# proxy, REMOTE_ADDR is the client.
TRUSTED_PROXIES = envnetworks("TRUSTED_PROXIES", [])
if os.environ.get("TRUSTED_PROXY_COUNT"):
    # A count trusted the header from any peer that reached gunicorn directly.
    raise ImproperlyConfigured(
        "TRUSTED_PROXY_COUNT is replaced by TRUSTED_PROXIES: list the proxies' addresses "
        "(e.g. TRUSTED_PROXIES=127.0.0.1) and unset TRUSTED_PROXY_COUNT."
    )

# Second factor (otwarte/second_factor.py): organisers with a confirmed TOTP
# device act as organisers only in a session verified with its code, on every
# page. With OTP_REQUIRED_FOR_ORGANISERS (on in production) an organiser without
# a device is sent to set one up before any organiser page.
OTP_TOTP_ISSUER = "Miasta Otwarte"
OTP_REQUIRED_FOR_ORGANISERS = envbool("OTP_REQUIRED_FOR_ORGANISERS", PRODUCTION)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Login failures and lockouts (username and address, never the password).
        "axes": {"level": "INFO"},
        "django.security": {"level": "WARNING"},
        # WeasyPrint logs every layout step at INFO.
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# Sitemaps of apps that public/root_urls.py may not import (issue 27: the civic audit).
EXTRA_SITEMAPS = {"surveys": "surveys.sitemaps.SurveyPages"}
