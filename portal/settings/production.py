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
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

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
