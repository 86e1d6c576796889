"""Checks that a rendered page speaks its own language: no interface string left in English, no sentence in
another language — apart from names and text marked with its own ``lang`` (the source text of a stale
translation, a name that falls back to another language)."""

import re
from functools import cache
from pathlib import Path

import polib
from django.conf import settings
from django.utils.translation import to_locale

#: The visible text nodes of the page that are not inside an element marked with another language (or
#: ``translate="no"``), with the page's language.
TEXT_NODES = """() => {
  const lang = document.documentElement.lang;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    const element = node.parentElement;
    if (!text || !element || element.closest("script, style, noscript, [translate=no]")) continue;
    const marked = element.closest("[lang]");
    if (marked && marked.getAttribute("lang").toLowerCase() !== lang.toLowerCase()) continue;
    const style = getComputedStyle(element);
    if (style.display === "none" || style.visibility === "hidden") continue;
    found.push(text);
  }
  return found;
}"""

ENGLISH_WORDS = re.compile(r"\b(the|and|with|from|your|this|which|for|are|is|of)\b", re.IGNORECASE)
VIETNAMESE_WORDS = re.compile(r"(?<!\w)(của|và|các|cho|không|được|với|trong|những|này|là)(?!\w)", re.IGNORECASE)


@cache
def interface_strings(language: str) -> frozenset[str]:
    """Our English interface strings whose translation into ``language`` differs from them: seeing one on a page
    in ``language`` means a string was not translated."""
    found = set()
    for catalogue in Path(settings.BASE_DIR).glob(f"*/locale/{to_locale(language)}/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(catalogue)):
            if entry.msgstr and entry.msgstr != entry.msgid and "%" not in entry.msgid and len(entry.msgid) > 3:
                found.add(entry.msgid)
    return frozenset(found)


def foreign_text(texts: list[str], language: str) -> list[str]:
    """The text nodes of a page in ``language`` that are interface strings left in English, or sentences in
    English or Vietnamese on a page in another language."""
    flagged = []
    english = interface_strings(language) if language != "en" else frozenset()
    for text in texts:
        if text in english:
            flagged.append(text)
        elif language != "en" and len(ENGLISH_WORDS.findall(text)) >= 2:
            flagged.append(text)
        elif language != "vi" and len(VIETNAMESE_WORDS.findall(text)) >= 2:
            flagged.append(text)
    return flagged
