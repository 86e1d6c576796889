"""Dynamic pages and API answers compressed on their way out."""

from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware


class GZipMiddleware(DjangoGZipMiddleware):
    """Django's (with its BREACH mitigation: random bytes in each compressed response, CSRF tokens masked per
    response), leaving streaming responses alone: they are files, WhiteNoise's static files (precompressed where
    that helps) and attachments (mostly compressed formats already), whose length a download shows."""

    def process_response(self, request, response):
        if response.streaming:
            return response
        return super().process_response(request, response)

