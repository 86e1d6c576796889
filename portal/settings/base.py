"""Settings shared by every environment. Everything that differs between machines is read from the
environment; with nothing set, the site runs on the embedded default (SQLite, a filesystem Celery
broker, local file storage) under ``var/``.

Importing settings creates nothing: the folders are made where they are first needed (the SQLite database's
by ``PortalConfig.ready``, the broker's by ``portal.celery``, uploads and media by the code that writes them)."""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy, pgettext_lazy
from kombu import Queue

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

VAR_DIR = Path(env("PORTAL_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default=None)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "portal",
    "core",
    "zones",
    "maps",
    "projects",
    "licensing",
    "promotion",
    "search",
    "api",
    "ninja",
    "corsheaders",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "portal.users.UsersConfig",  # wagtail.users with case-insensitive user names
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First, to compress what the others wrote; in every environment, so that the tests run production's stack.
    "portal.http.GZipMiddleware",
    # Inside the compression, so that the page cache keeps the uncompressed body (each answer is compressed anew).
    "core.page_cache.UpdatePageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "api.middleware.LocaleMiddleware",  # Django's, leaving the API's 404s alone
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "api.middleware.ApiMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: the session cookie, the language and the user are known (core.page_cache).
    "core.page_cache.FetchPageCacheMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]
# Every form and field renders through the site's templates (portal/templates/forms/).
FORM_RENDERER = "portal.forms.FormRenderer"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL, a busy timeout and transactions that take the write lock when they begin (so that the timeout
    # applies instead of an immediate "database is locked") let the web process and the worker share the file.
    # Sorts and groupings in memory, the file read through a memory map, and a page cache of 2,000 pages per
    # connection: a search's ranking and facet counts are such sorts.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE",
         "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; "
                         "PRAGMA mmap_size=134217728; PRAGMA cache_size=2000;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://portal")}
# The page cache (core.page_cache): public pages as anonymous visitors see them, kept this many seconds in the
# cache above (0: off) and purged when something they show changes. WAGTAILFRONTENDCACHE purges the same paths
# in a CDN or proxy in front of the site: FRONTEND_CACHE_URL names an HTTP purge endpoint (Varnish, Nginx),
# CLOUDFLARE_ZONE_ID with CLOUDFLARE_BEARER_TOKEN a Cloudflare zone.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
WAGTAILFRONTENDCACHE: dict = {}
if env("FRONTEND_CACHE_URL", default=""):
    WAGTAILFRONTENDCACHE["proxy"] = {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                                     "LOCATION": env("FRONTEND_CACHE_URL")}
if env("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {"BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
                                          "ZONEID": env("CLOUDFLARE_ZONE_ID"),
                                          "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN", default="")}

# The open data API (/api/v1/, /ogc/): requests per client address without a key and per key (ninja's rate
# format, e.g. "120/m"); how long shared caches may keep a public answer; which other sites' pages may call it.
API_RATE_ADDRESS = env("API_RATE_ADDRESS", default="600/m")
API_RATE_KEY = env("API_RATE_KEY", default="1200/m")
API_CACHE_SECONDS = env.int("API_CACHE_SECONDS", default=60)
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_PER_PAGE_SIZE = 1000
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/(api|ogc)/.*$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Retry-After", "Link", "Content-Language")

AUTHENTICATION_BACKENDS = ["portal.auth.EmailOrUsernameBackend"]
# Sign-in throttle (core.throttle, OWASP ASVS 2.2.1), counted in the shared cache: failed sign-ins per account
# in 15 minutes and per client address in an hour; password reset e-mails per address asked for in an hour.
SIGNIN_ACCOUNT_LIMIT = env.int("SIGNIN_ACCOUNT_LIMIT", default=10)
SIGNIN_ACCOUNT_WINDOW = 15 * 60
SIGNIN_ADDRESS_LIMIT = env.int("SIGNIN_ADDRESS_LIMIT", default=100)
SIGNIN_ADDRESS_WINDOW = 60 * 60
PASSWORD_RESET_LIMIT = 3
PASSWORD_RESET_WINDOW = 60 * 60
# How many proxies in front of the site append to X-Forwarded-For (0: clients connect directly).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
WAGTAILADMIN_USER_LOGIN_FORM = "portal.auth.AdminLoginForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "portal.auth.AdminPasswordResetForm"  # noqa: S105 - a dotted path

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English first, Vietnamese from the first page, then the languages of the province's largest
# investor countries. Each language is named in itself (the switcher shows these names).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("vi", "Tiếng Việt"), ("ko", "한국어"), ("ja", "日本語"),
             ("zh-hans", "简体中文"), ("zh-hant", "繁體中文")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True

LOCALE_PATHS: list = []  # each app keeps its catalogue in <app>/locale
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
FORMAT_MODULE_PATH = ["portal.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def media_host(options: dict) -> str:
    """The origin that an S3 storage with these options links media to: the CDN's domain, else the service's
    endpoint (the bucket as its first label unless addressed by path), else the provider's global one."""
    if options["custom_domain"]:
        return f"https://{options['custom_domain']}"
    if options["endpoint_url"]:
        endpoint = urlsplit(options["endpoint_url"])
        if options["addressing_style"] == "virtual":
            return f"{endpoint.scheme}://{options['bucket_name']}.{endpoint.netloc}"
        return f"{endpoint.scheme}://{endpoint.netloc}"
    return f"https://{options['bucket_name']}.s3.amazonaws.com"


# Media (Wagtail images and documents, staged spreadsheets) in an S3-compatible bucket once one is named, so that
# every web and worker machine sees the same files; local files under MEDIA_ROOT otherwise. The keys come from
# boto3's usual sources (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment, or the machine's role).
MEDIA_BUCKET = env("AWS_STORAGE_BUCKET_NAME", default="") or env("MEDIA_S3_BUCKET", default="")
MEDIA_HOSTS: list[str] = []  # hosts other than the site's that serve media (allowed as image sources below)
if MEDIA_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "location": env("AWS_LOCATION", default=""),  # a folder in a shared bucket
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),  # any S3-compatible service (MinIO, Ceph …)
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default=None),  # "path" for most self-hosted services
            "signature_version": "s3v4",
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default=None),  # the CDN in front of the bucket
            # Signed, expiring links while the bucket is private; off for a public bucket behind a CDN, whose
            # links must stay the same to be cached.
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=True),
            "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", default=3600),
            "default_acl": None,  # the bucket's policy decides
            "file_overwrite": False,  # as on disk: a second upload of the same name gets a new name
            "object_parameters": {"CacheControl": env("AWS_S3_CACHE_CONTROL", default="max-age=86400")},
        },
    }
    MEDIA_HOSTS = [media_host(STORAGES["default"]["OPTIONS"]), *env.list("MEDIA_HOSTS", default=[])]


def _static_file_headers(headers, path: str, url: str) -> None:
    """A hashed static file, which WhiteNoise marks immutable for ten years, is cached for one (RFC 9111)."""
    if "immutable" in headers.get("Cache-Control", ""):
        headers["Cache-Control"] = "max-age=31536000, public, immutable"


WHITENOISE_ADD_HEADERS_FUNCTION = _static_file_headers
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Celery: a filesystem broker needs no server; CELERY_BROKER_URL switches to Redis.
def filesystem_broker(folder: Path) -> tuple[dict, str]:
    """The filesystem broker's transport options and a file result backend, all under ``folder`` (the
    folders are created when the Celery app first reads its configuration, see ``portal.celery``)."""
    options = {"data_folder_in": str(folder / "queue"), "data_folder_out": str(folder / "queue"),
               "processed_folder": str(folder / "processed"), "control_folder": str(folder / "control"),
               "store_processed": False}
    return options, f"file://{folder / 'results'}"


CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS, _default_results = filesystem_broker(VAR_DIR / "celery")
else:
    # Every countdown in the project stays well below this.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 6 * 3600}
    _default_results = CELERY_BROKER_URL
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=_default_results)
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_SOFT_TIME_LIMIT = 10 * 60
CELERY_TASK_TIME_LIMIT = 12 * 60
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Queues by kind of work, so that a long import never holds up an e-mail or an index update: production runs one
# worker for imports and one for the rest (scripts/serve.sh, docs/production.md); a worker started without -Q
# (the demo, the tests) consumes them all.
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_QUEUES = [Queue(name, routing_key=name) for name in ("default", "imports", "notifications", "indexing")]
CELERY_TASK_ROUTES = {
    # The GIS import, the spreadsheet import and the daily removal of their staged files (which live beside them).
    "zones.gis_import.tasks.*": {"queue": "imports"},
    "projects.tasks.*": {"queue": "imports"},
    "core.imports.remove_staged_import_files": {"queue": "imports"},
    # E-mails, on-site notifications, reminders and escalations.
    "licensing.tasks.*": {"queue": "notifications"},
    "promotion.tasks.*": {"queue": "notifications"},
    # The search index: single updates, rebuilds and the nightly refresh of dated documents.
    "search.tasks.*": {"queue": "indexing"},
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict = {}
# Licensing: daily reminders before due dates and overdue alerts (07:00 Asia/Ho_Chi_Minh).
CELERY_BEAT_SCHEDULE["licensing-due-reminders"] = {
    "task": "licensing.tasks.send_due_reminders", "schedule": crontab(hour=7, minute=0)}
# Enquiries: a reminder to the officer ENQUIRY_REMINDER_DAYS_BEFORE working days before the answer is due, and an
# escalation to the members of the ENQUIRY_HEADS_GROUP group once it is overdue (07:10).
ENQUIRY_REMINDER_DAYS_BEFORE = env.int("ENQUIRY_REMINDER_DAYS_BEFORE", default=1)
ENQUIRY_HEADS_GROUP = env("ENQUIRY_HEADS_GROUP", default="Enquiry team heads")
CELERY_BEAT_SCHEDULE["promotion-reminders"] = {
    "task": "promotion.tasks.send_reminders", "schedule": crontab(hour=7, minute=10)}
# Aftercare: issues past their due date are escalated once to the ENQUIRY_HEADS_GROUP (07:20); the working days
# each category is given may be overridden with AFTERCARE_DUE_DAYS = {"land": 15, ...} (promotion/aftercare.py).
CELERY_BEAT_SCHEDULE["promotion-aftercare-escalations"] = {
    "task": "promotion.tasks.escalate_overdue_aftercare", "schedule": crontab(hour=7, minute=20)}
# Search: procedures and policies enter and leave the index on their effective dates (00:05).
CELERY_BEAT_SCHEDULE["search-refresh-dated"] = {
    "task": "search.tasks.refresh_dated_documents", "schedule": crontab(hour=0, minute=5)}
# Imports: the staged files of finished or abandoned imports (GIS files, spreadsheets) go (03:30).
CELERY_BEAT_SCHEDULE["imports-remove-staged-files"] = {
    "task": "core.imports.remove_staged_import_files", "schedule": crontab(hour=3, minute=30)}
# Licensing: the one-stop system's webhook key (HMAC-SHA256); the webhook answers 503 while it is unset.
LICENSING_WEBHOOK_SECRET = env("LICENSING_WEBHOOK_SECRET", default=None)

# Wagtail
WAGTAIL_SITE_NAME = "Invest Portal"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Public search (search/): the embedded backend in our own database, Elasticsearch when ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
SEARCH_BACKEND = env(
    "SEARCH_BACKEND",
    default="search.backends.elasticsearch" if ELASTICSEARCH_URL else "search.backends.embedded",
)
SEARCH_BACKEND_OPTIONS = {"URL": ELASTICSEARCH_URL, "INDEX_PREFIX": env("SEARCH_INDEX_PREFIX", default="portal")}
# Matches are counted exactly up to this many; a broader search says "more than 10,000 results" (both backends).
SEARCH_EXACT_COUNT_LIMIT = env.int("SEARCH_EXACT_COUNT_LIMIT", default=10_000)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party avatar requests from the admin
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Security headers shared by every environment; production turns on the transport ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# The Wagtail admin needs inline scripts; public pages get a strict policy with per-request nonces.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:", *env.list("MAP_TILE_HOSTS", default=[]), *MEDIA_HOSTS],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
    },
}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Invest Portal <no-reply@localhost>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# Base map tiles (maps/rendering.py): none by default (tests, offline development); production uses
# OpenStreetMap-style tiles. List the tile host in MAP_TILE_HOSTS so the Content-Security-Policy allows it.
MAP_TILES_URL = env("MAP_TILES_URL", default="")
MAP_TILES_ATTRIBUTION = env("MAP_TILES_ATTRIBUTION", default="© OpenStreetMap contributors")

# GIS import (maps/checks.py, maps/importers): upload limits, private staging folder, Celery threshold.
GIS_UPLOAD_MAX_BYTES = env.int("GIS_UPLOAD_MAX_BYTES", default=50 * 1024 * 1024)
GIS_ARCHIVE_MAX_UNCOMPRESSED_BYTES = env.int("GIS_ARCHIVE_MAX_UNCOMPRESSED_BYTES", default=200 * 1024 * 1024)
GIS_ARCHIVE_MAX_RATIO = 100
GIS_ARCHIVE_MAX_MEMBERS = 50
GIS_UPLOAD_DIR = VAR_DIR / "gis-uploads"
# A zone page with more plots than this does not embed them in its map: the map fetches them (zones.plot_geojson).
ZONE_MAP_EMBED_LIMIT = env.int("ZONE_MAP_EMBED_LIMIT", default=300)
IMPORT_ASYNC_THRESHOLD_BYTES = env.int("IMPORT_ASYNC_THRESHOLD_BYTES", default=512 * 1024)  # GIS and spreadsheets

# Application routes in the main navigation: (URL name, title).
PORTAL_NAV_ROUTES = [
    ("licensing:plan", gettext_lazy("Plan your investment")),
    ("licensing:procedures", pgettext_lazy("menu", "Procedures")),
    ("licensing:performance", gettext_lazy("Agency performance")),
    ("projects:dashboard", gettext_lazy("Investment figures")),
]
