"""Absolute links in e-mails, built from the site's configured address (``WAGTAILADMIN_BASE_URL``), never from
the request that happened to send them: a mail sent by a Celery task has no request, and one sent while
answering a request must not carry whatever host name that request gave."""

from urllib.parse import urlsplit

from django.conf import settings


def site_url(path: str = "/") -> str:
    """The absolute address of ``path`` (e.g. ``reverse(...)``) on the site's configured address."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/" + path.lstrip("/")


class SiteLinkPasswordResetMixin:
    """For a Django ``PasswordResetForm``: the reset link in the e-mail uses the configured address
    (``{{ protocol }}://{{ domain }}`` in the template) rather than the request's host."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        """Put the configured scheme and host into the e-mail's context, then send it."""
        address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        context = {**context, "protocol": address.scheme, "domain": address.netloc + address.path.rstrip("/")}
        return super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
