"""Helpers for the apps' document builders: readable text out of HTML, URLs, points, public pages."""

import html
import re

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.html import strip_tags

#: The languages a builder writes a document in when the object is not a translated page (its ``_vi``/``_en``
#: fields; a language without its own field falls back to English, then Vietnamese: ``core.i18n.localized``):
#: every language of the site, so that a search in Korean finds the procedures and sectors too.
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)

#: Tags that end a block of text: their words must not run into the next block's.
_BLOCK_TAG = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|br|hr|tr|td|th|table|blockquote|section|figure|figcaption)"
                        r"\b[^>]*>", re.IGNORECASE)


def plain(value) -> str:
    """Rich text or HTML as plain text, a space between blocks."""
    return " ".join(html.unescape(strip_tags(_BLOCK_TAG.sub(" ", str(value or "")))).split())


def reverse_or_empty(name: str, args=None) -> str:
    """``reverse`` for a route another app may not have yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def geometry_point(obj) -> tuple[float | None, float | None]:
    """A point inside the object's geometry (an object with a shapely ``shape``), or (None, None)."""
    shape = getattr(obj, "shape", None)
    if shape is None or shape.is_empty:
        return None, None
    point = shape.representative_point()
    return point.x, point.y


def page_url(page) -> str:
    """The page's URL on the default site (relative)."""
    return page.get_url() or page.url_path


def public_pages(model):
    """The live, public pages of a Wagtail page model."""
    return model.objects.live().public()
