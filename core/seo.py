"""What search engines and link previews read from a page: a plain-text summary of rich text and schema.org
JSON-LD that no text can break out of."""

import html
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe

#: Search engines show about this many characters of a description.
DESCRIPTION_LENGTH = 155

# Inside <script>, "</script>" or "<!--" in a name would end the element or change how it is parsed: the JSON
# escapes of these characters mean the same to a JSON parser.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def summarise(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """``text`` (plain or rich text) as one line of plain text of at most ``limit`` characters, cut at a word
    with an ellipsis when longer."""
    plain = " ".join(html.unescape(strip_tags(text or "")).split())
    if len(plain) <= limit:
        return plain
    cut = plain[:limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


def json_ld(data: dict) -> SafeString:
    """``data`` as a ``<script type="application/ld+json">`` element, serialised by ``json.dumps`` with the
    characters that could end the element escaped."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


#: The fields a page's description is drawn from when it has no search description, first filled first.
SUMMARY_FIELDS = ("summary", "intro", "hero_text", "body")


def page_description(page) -> str:
    """A Wagtail page's description for search engines: its search description, else a summary of its first
    filled field of ``SUMMARY_FIELDS`` (tags stripped, cut at ``DESCRIPTION_LENGTH``); "" when it has none."""
    for text in (getattr(page, "search_description", ""), *(getattr(page, f, "") for f in SUMMARY_FIELDS)):
        if isinstance(text, str) and text.strip():
            return summarise(text)
    return ""


#: The size of the image link previews show (Open Graph's recommended 1.91:1).
SOCIAL_IMAGE_FILTER = "fill-1200x630"


def absolute_url(request: HttpRequest | None, url: str) -> str:
    """``url`` (a path or an absolute URL) as an absolute URL: on the host the request came to, else on the
    default Wagtail site's root URL."""
    if request is not None:
        return request.build_absolute_uri(url)
    if "://" in url:
        return url
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return f"{site.root_url if site else ''}{url}"


def social_image(page):
    """The Wagtail image that stands for ``page`` in link previews: the first of its gallery, or None (read once
    per page object: the head and the structured data both name it)."""
    if "_social_image" not in page.__dict__:
        gallery = getattr(page, "gallery_images", None)
        first = gallery.select_related("image").first() if gallery is not None else None
        page._social_image = first.image if first is not None else None
    return page._social_image


def social_image_url(request: HttpRequest | None, image) -> str:
    """The absolute URL of ``image``'s rendition for link previews (``SOCIAL_IMAGE_FILTER``)."""
    return absolute_url(request, image.get_rendition(SOCIAL_IMAGE_FILTER).url)
