"""Pages and API answers leave compressed when the client accepts gzip, with a CSRF token masked anew in each
response (BREACH); static files and other streamed files leave as they are, with their length."""

import gzip
import json
import re
from wsgiref.headers import Headers

import pytest
from django.conf import settings

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def _body(response) -> str:
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    return gzip.decompress(response.content).decode()


def test_compression_wraps_every_other_middleware():
    assert settings.MIDDLEWARE[0] == "portal.http.GZipMiddleware"


@pytest.mark.django_db
def test_a_page_is_compressed_when_accepted(client, home_page):
    page = client.get("/en/", **GZIP)
    assert page.status_code == 200 and "<html" in _body(page)
    assert page.has_header("Content-Security-Policy")
    plain = client.get("/en/")
    assert not plain.has_header("Content-Encoding") and b"<html" in plain.content


def test_an_api_answer_is_compressed_when_accepted(client):
    answer = client.get("/api/v1/schema/", **GZIP)
    assert answer.status_code == 200 and "paths" in json.loads(_body(answer))


@pytest.mark.django_db
def test_the_csrf_token_is_masked_anew_in_each_compressed_response(client):
    tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"',
                        _body(client.get("/en/licensing/account/sign-in/", **GZIP))).group(1) for _ in range(2)]
    assert tokens[0] != tokens[1]
    assert all(len(token) == 64 for token in tokens)


def test_a_static_file_streams_uncompressed_with_its_length(client):
    static = client.get("/static/portal/js/chart-text.js", **GZIP)
    assert static.status_code == 200 and static.streaming
    assert not static.has_header("Content-Encoding") and int(static["Content-Length"]) > 200


def test_a_hashed_static_file_is_cached_for_a_year_as_immutable():
    headers = Headers([("Cache-Control", "max-age=315360000, public, immutable")])  # as WhiteNoise marks it
    settings.WHITENOISE_ADD_HEADERS_FUNCTION(headers, "/static/site.0123456789ab.css", "/static/site.0123456789ab.css")
    assert headers["Cache-Control"] == "max-age=31536000, public, immutable"
    other = Headers([("Cache-Control", "max-age=60, public")])
    settings.WHITENOISE_ADD_HEADERS_FUNCTION(other, "/static/robots.txt", "/static/robots.txt")
    assert other["Cache-Control"] == "max-age=60, public"
