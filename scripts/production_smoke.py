"""Fetch the home page, a zone page, API answers and a hashed static file from a running production server and
check the security, cache and compression headers.
Usage: production_smoke.py http://127.0.0.1:8123  (exits non-zero on the first failure)."""

import gzip
import re
import sys
import time
import urllib.error
import urllib.request

BASE = sys.argv[1].rstrip("/")
if not BASE.startswith(("http://", "https://")):
    raise SystemExit("usage: production_smoke.py http://HOST:PORT")
HEADERS = {"X-Forwarded-Proto": "https", "User-Agent": "production-smoke"}  # as the TLS proxy in front would send
failures = []


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)


def fetch(path: str, headers: dict | None = None):
    request = urllib.request.Request(BASE + path, headers={**HEADERS, **(headers or {})})  # noqa: S310 - http(s) only, checked above
    try:
        with opener.open(request, timeout=30) as response:  # noqa: S310 - http(s) only, checked above
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def follow(path: str, hops: int = 5):
    for _ in range(hops):
        status, headers, body = fetch(path)
        if status not in (301, 302):
            return path, status, headers, body
        path = re.sub(r"^https?://[^/]+", "", headers["Location"])
    raise SystemExit(f"too many redirects from {path}")


def check(condition: bool, what: str) -> None:
    print(("ok      " if condition else "FAILED  ") + what)
    if not condition:
        failures.append(what)


def wait_for_server(seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            fetch("/healthz")
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"no server at {BASE} after {seconds} s")


wait_for_server()
path, status, headers, body = follow("/")
check(status == 200, f"home page {path} answers 200 (got {status})")
check("max-age=31536000" in (headers.get("Strict-Transport-Security") or ""), "HSTS for a year")
check(headers.get("X-Content-Type-Options") == "nosniff", "X-Content-Type-Options: nosniff")
check(headers.get("X-Frame-Options") in ("DENY", "SAMEORIGIN"), "X-Frame-Options")
check(bool(headers.get("Referrer-Policy")), "Referrer-Policy")
csp = headers.get("Content-Security-Policy") or ""
check("default-src" in csp and "'unsafe-inline'" not in csp.split("script-src")[-1].split(";")[0],
      "Content-Security-Policy without inline scripts")
insecure = urllib.request.Request(BASE + "/", headers={"User-Agent": "production-smoke"})  # noqa: S310
try:
    opener.open(insecure, timeout=30)  # noqa: S310 - http(s) only, checked above
    check(False, "plain HTTP is redirected to HTTPS")
except urllib.error.HTTPError as error:
    check(error.code == 301 and error.headers["Location"].startswith("https://"), "plain HTTP is redirected to HTTPS")
html = body.decode()
static = re.search(r'/static/[^"\']+\.[0-9a-f]{12}\.(?:css|js)', html)
check(static is not None, "the page links hashed static files")
if static:
    s_status, s_headers, _ = fetch(static.group(0))
    check(s_status == 200, f"{static.group(0)} answers 200")
    check(s_headers.get("Cache-Control") == "max-age=31536000, public, immutable",
          f"hashed static files are cached for a year as immutable (got {s_headers.get('Cache-Control')})")
_, z_status, _, z_body = follow("/en/zones/")
check(z_status == 200, "zone index answers 200")
zone = re.search(r'href="(/en/zones/[a-z0-9-]+/)"', z_body.decode())
images = re.search(r'L\.Icon\.Default\.imagePath = L\.Icon\.Default\.imagePath \|\| "([^"]+)"', z_body.decode())
check(images is not None, "the zone index map names the folder of Leaflet's marker images")
if images:
    m_status, m_headers, _ = fetch(images.group(1) + "marker-icon.png")
    check(m_status == 200 and m_headers.get("Content-Type") == "image/png",
          f"Leaflet's default marker image is served from {images.group(1)} (got {m_status})")
check(zone is not None, "the zone index links a zone page")
if zone:
    _, zp_status, _, zp_body = follow(zone.group(1))
    check(zp_status == 200 and b"<h1" in zp_body, f"zone page {zone.group(1)} answers 200")
a_status, a_headers, a_body = fetch("/api/v1/zones/?lang=vi")
check(a_status == 200 and b'"results"' in a_body, f"the API lists zones (got {a_status})")
check(bool(a_headers.get("ETag")) and bool(a_headers.get("Last-Modified")), "API reads carry ETag and Last-Modified")
check(a_headers.get("Content-Language") == "vi", "?lang=vi answers in Vietnamese")
if a_headers.get("ETag"):
    cached = urllib.request.Request(BASE + "/api/v1/zones/?lang=vi",  # noqa: S310 - http(s) only, checked above
                                    headers={**HEADERS, "If-None-Match": a_headers["ETag"]})
    try:
        opener.open(cached, timeout=30)  # noqa: S310 - http(s) only, checked above
        check(False, "If-None-Match answers 304")
    except urllib.error.HTTPError as error:
        check(error.code == 304, f"If-None-Match answers 304 (got {error.code})")
d_status, _, d_body = fetch("/api/v1/docs/")
docs_css = re.search(r'/static/ninja/swagger-ui\.[0-9a-f]{12}\.css', d_body.decode())
check(d_status == 200 and docs_css is not None, "the API documentation page links its hashed local assets")
if docs_css:
    check(fetch(docs_css.group(0))[0] == 200, "the API documentation's assets are served")
check(fetch("/api/v1/schema/")[0] == 200, "the OpenAPI schema answers 200")
o_status, _, o_body = fetch("/ogc/collections/plots/items?limit=5&f=json")
check(o_status == 200 and b"FeatureCollection" in o_body, f"OGC API - Features serves plots (got {o_status})")
for what, path in (("the home page", "/en/"), ("an API answer", "/api/v1/schema/")):
    g_status, g_headers, g_body = fetch(path, {"Accept-Encoding": "gzip"})
    check(g_status == 200 and g_headers.get("Content-Encoding") == "gzip" and gzip.decompress(g_body),
          f"{what} ({path}) comes gzip-compressed when asked")
# Two forms for one CSRF secret (the cookie of the first sent back): the tokens differ, each masked anew (BREACH).
_, c_headers, c_body = fetch("/en/licensing/account/sign-in/")
cookie = re.search(r"csrftoken=[^;]+", c_headers.get("Set-Cookie") or "")
tokens = [re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body) for body in
          (c_body, fetch("/en/licensing/account/sign-in/", {"Cookie": cookie.group(0) if cookie else ""})[2])]
check(cookie is not None and all(tokens) and tokens[0].group(1) != tokens[1].group(1),
      "the CSRF token is masked anew in each response")
print(f"{len(failures)} failed" if failures else "production smoke: all checks passed")
sys.exit(1 if failures else 0)
