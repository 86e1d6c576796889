"""Private file storage for dossier attachments and results: outside MEDIA_ROOT, with no public URL.

Files are served only through ``views.investor.attachment_download`` after a permission check."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under ``PRIVATE_MEDIA_ROOT`` (default ``var/private``); ``url()`` is refused."""

    def __init__(self, **kwargs):
        kwargs.setdefault("location", str(getattr(settings, "PRIVATE_MEDIA_ROOT", Path(settings.VAR_DIR) / "private")))
        kwargs["base_url"] = None
        super().__init__(**kwargs)

    def url(self, name):
        raise ValueError("private files have no public URL; serve them through a permission-checked view")


private_storage = PrivateStorage()
