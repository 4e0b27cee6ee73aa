"""The one settings module. Every knob is an environment variable with a safe default for development."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("OFSTED_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# PRODUCTION=1 turns on everything HTTPS needs (see "Security and production" below) and refuses to start without
# a SECRET_KEY. DEBUG stays off unless DEBUG itself is set, in production as anywhere else.
PRODUCTION = env_bool("PRODUCTION", False)
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when PRODUCTION=1: set the SECRET_KEY environment variable.")
    SECRET_KEY = "dev-only-insecure-key-set-SECRET_KEY-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "letters",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "letters.request_limits.RequestLimitsMiddleware",
    "letters.health.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as axes asks: turns a lockout into its response
]

ROOT_URLCONF = "ofsted_archive.urls"
WSGI_APPLICATION = "ofsted_archive.wsgi.application"

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
            ],
        },
    },
]

# SQLite in the ignored var/ folder by default, so a newcomer needs no server; PostgreSQL in production.
DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'archive.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The default database lives in the git-ignored var/: make the folder, so a fresh clone's first
    # `migrate` can open it (SQLite makes the file, never its folder).
    _sqlite_name = str(DATABASES["default"].get("NAME") or "")
    if _sqlite_name and _sqlite_name != ":memory:" and not _sqlite_name.startswith("file:"):
        Path(_sqlite_name).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the server read while an ingest writes; the timeout rides out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Session settings for the archive's own statements (measured at 50,000 letters, README "Benchmarks"): no JIT
    # (it spent ~45 ms compiling the broad-word facet statement, more than it saved), and a cheaper hand-over of
    # rows from parallel workers, so that a broad word's matches are read by two workers (470 -> 305 ms).
    # POSTGRES_OPTIONS="" keeps the server's own settings.
    _pg_options = os.environ.get(
        "POSTGRES_OPTIONS", "-c jit=off -c parallel_setup_cost=100 -c parallel_tuple_cost=0.01"
    )
    # A database that is down, frozen or stuck on a lock answers within seconds instead of holding a worker until
    # gunicorn kills it: DB_CONNECT_TIMEOUT (seconds, libpq's connect_timeout) for a new connection, and
    # DB_STATEMENT_TIMEOUT_MS for each statement (0 = none, the default for commands such as ingest; wsgi.py sets
    # 10,000 for the web server). Either failure is a 503 page (letters/health.py).
    _statement_timeout = int(os.environ.get("DB_STATEMENT_TIMEOUT_MS", "0"))
    if _statement_timeout > 0:
        _pg_options = f"{_pg_options} -c statement_timeout={_statement_timeout}".strip()
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"options": _pg_options, "connect_timeout": int(os.environ.get("DB_CONNECT_TIMEOUT", "5"))}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", PRODUCTION)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Serve static files straight from static/ as well, so development and tests need no collectstatic. Production
# serves only the collected, hashed files (collectstatic runs before the server starts).
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", not PRODUCTION)

# The sample letters a fresh checkout serves.
SAMPLE_DATA_DIR = BASE_DIR / "sample_data"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# ---------------------------------------------------------------------------------------------------------------------
# Security and production. `manage.py check --deploy` is clean with PRODUCTION=1 (tests/test_security.py runs it).

# Always, development included.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script of ours reads the token: every form carries it in a hidden field

# HTTPS only in production; development serves plain HTTP on loopback.
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a load balancer may probe the health endpoint over plain HTTP
# Behind a TLS-terminating proxy: the header it sets and the value meaning HTTPS, e.g. "HTTP_X_FORWARDED_PROTO,https".
# Set it only when the proxy always sets (or strips) that header, or clients could claim HTTPS themselves.
_proxy_ssl_header = env_list("SECURE_PROXY_SSL_HEADER", "")
if _proxy_ssl_header:
    if len(_proxy_ssl_header) != 2:
        raise ImproperlyConfigured("SECURE_PROXY_SSL_HEADER must be 'HEADER,value': 'HTTP_X_FORWARDED_PROTO,https'.")
    SECURE_PROXY_SSL_HEADER = tuple(_proxy_ssl_header)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")  # e.g. "https://archive.example.org"

# Content Security Policy (django-csp). The archive's pages run no JavaScript and carry no inline style; the admin
# loads its scripts and styles as files from /static/, which 'self' allows. The SVG charts style themselves with
# presentation attributes (fill=, font-size=), which CSP does not treat as inline style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
    }
}

# Admin log-in throttling (django-axes, glued in letters/login_throttle.py): after LOGIN_THROTTLE_FAILURES failed
# attempts for one username (NFKC-normalised and case-folded, as Django's log-in form reads it) or from one client
# address, further attempts are refused with 429 until LOGIN_THROTTLE_WINDOW seconds have passed since the last
# failure. The counts live in the database (axes' AccessAttempt table), shared by every worker and host; when the
# database is down the log-in fails closed with a 503.
LOGIN_THROTTLE_FAILURES = int(os.environ.get("LOGIN_THROTTLE_FAILURES", "5"))
LOGIN_THROTTLE_WINDOW = int(os.environ.get("LOGIN_THROTTLE_WINDOW", "900"))
# How many proxies in front of the app append to X-Forwarded-For; 0 trusts REMOTE_ADDR alone (no proxy).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked username or address before any password check
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = "letters.login_throttle.failure_limit"
AXES_COOLOFF_TIME = "letters.login_throttle.cool_off"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one alone locks
AXES_USERNAME_CALLABLE = "letters.login_throttle.username_key"
AXES_CLIENT_IP_CALLABLE = "letters.login_throttle.client_address"
AXES_LOCKOUT_CALLABLE = "letters.login_throttle.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a refused attempt does not extend the lock
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False

# A signed-in curator with nowhere else to go (a refused ?next=) lands on the admin's index, not /accounts/profile/.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# The page cache (letters/freshness/page_cache.py) and the search cache share the default cache: per process, at most
# CACHE_MAX_ENTRIES entries (the oldest third culled when full), and no page over PAGE_CACHE_MAX_BYTES is stored.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "500")), "CULL_FREQUENCY": 3},
    },
}

# The read-only JSON API (letters/api/): JSON only (the browsable API's pages need inline script that the CSP
# forbids), no sessions or tokens (nothing to write, so no CSRF to check), the schema from drf-spectacular.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ofsted Letters Archive API",
    "DESCRIPTION": (
        "Read-only JSON for the archive's searches (the same URL parameters as the pages), councils and letters "
        "at the same paths as their pages under /api/."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}
PAGE_CACHE_MAX_BYTES = int(os.environ.get("PAGE_CACHE_MAX_BYTES", str(256 * 1024)))

# The search engine (letters/search_engine/): "tantivy" answers the search pages from a snapshot of the database at
# its current data version, in SEARCH_INDEX_DIR (one per machine, shared by its processes; SQL answers until it is
# built); "off" answers them from SQL alone. SEARCH_ENGINE_BUILD: "background" (a thread of the web process that
# first needs it) or "sync" (that request builds it: the tests).
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "tantivy")
SEARCH_ENGINE_BUILD = os.environ.get("SEARCH_ENGINE_BUILD", "background")
SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", VAR_DIR / "search-index"))
# The theme prefilter's compiled databases (letters/parsing/theme_prefilter.py), kept between ingest and re-parse runs.
COMPILED_RULES_DIR = Path(os.environ.get("COMPILED_RULES_DIR", VAR_DIR / "compiled-rules"))
