"""What the public search holds about the site's own pages: the home pages (registered from
``PortalConfig.ready()``)."""

from django.utils.translation import gettext_lazy as _

from search.backends.base import IndexDocument
from search.helpers import page_url, plain, public_pages
from search.registry import register

from .models import HomePage


@register("page", HomePage, _("Page"), public_pages)
def home_page_documents(page) -> list[IndexDocument]:
    """The home pages: title, introduction and body."""
    return [IndexDocument(
        doc_type="page", object_id=str(page.pk), locale=page.locale.language_code, title=page.title,
        url=page_url(page), summary=page.search_description or page.hero_text, body=plain(page.body),
    )]
