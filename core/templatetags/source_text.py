"""Marking the source text a page shows where its translation is stale (``core.translations.source_text``)."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()


def _shown(context) -> tuple[str, set]:
    request = context.get("request")
    return getattr(request, "source_text", None) or ("", set())


@register.simple_tag(takes_context=True)
def source_lang(context, *fields: str) -> str:
    """` lang="vi" data-source-text` on an element showing one of ``fields`` in the source's language (the
    translation is stale), else nothing."""
    code, shown = _shown(context)
    if code and shown.intersection(fields):
        return format_html(' lang="{}" data-source-text', code)
    return ""


@register.inclusion_tag("core/source_text_notice.html", takes_context=True)
def source_text_notice(context) -> dict:
    """Say, in the page's language, that parts of the page are shown in the language it was written in."""
    code, shown = _shown(context)
    if not code:
        return {"notice": ""}
    names = dict(settings.LANGUAGES)
    return {"notice": gettext("Parts of this page are shown in %(source)s, the language it was written in, while "
                              "their translation into %(language)s is updated.") % {
        "source": names.get(code, code), "language": names.get(translation.get_language(), "")},
        "language": code}
