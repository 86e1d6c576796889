"""Production settings: refuse to start without the secrets and services, transport security on."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, env

SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set the ALLOWED_HOSTS environment variable.")
if "DATABASE_URL" not in env.ENVIRON:
    raise ImproperlyConfigured("Set the DATABASE_URL environment variable.")
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if env.bool("DATABASE_POOL", default=False):
    # psycopg's connection pool, one per process (each gunicorn worker, each Celery worker process): it keeps
    # DATABASE_POOL_MIN_SIZE connections open, opens up to DATABASE_POOL_MAX_SIZE for the process's threads, and
    # a request waits DATABASE_POOL_TIMEOUT seconds for one before failing. Django returns the connection to the
    # pool at the end of each request, so persistent connections (CONN_MAX_AGE) must be off.
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_POOL needs a PostgreSQL DATABASE_URL.")
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
        "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=4),
        "timeout": env.float("DATABASE_POOL_TIMEOUT", default=10.0),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")

# Base map tiles: OpenStreetMap-style unless MAP_TILES_URL says otherwise; the tile host is allowed as an image source.
MAP_TILES_URL = env("MAP_TILES_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
if MAP_TILES_URL:
    _tiles = urlsplit(MAP_TILES_URL)
    _tile_source = f"{_tiles.scheme}://{_tiles.netloc.replace('{s}', '*')}"
    if _tile_source not in CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]:  # noqa: F405
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_tile_source)  # noqa: F405
