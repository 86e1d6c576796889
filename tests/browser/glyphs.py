"""Which characters a page shows that the vendored fonts cannot draw.

A page links one stylesheet, ``vendor/fonts/<page language>.css`` (read from the page); each of its
@font-face rules draws the characters that are both in its unicode-range and in its woff2 file's cmap.
An element is written in the font stack of its own language (its closest ``lang``: the page's, or another
one such as the language switcher's names), as site.css sets it with ``:lang()``."""

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parents[2] / "portal" / "static" / "vendor" / "fonts"

# The vendored families of each language, in site.css's order.
STACKS = {
    "en": ("Noto Sans Variable",),
    "vi": ("Noto Sans Variable",),
    "ko": ("Noto Sans KR Variable", "Noto Sans Variable"),
    "ja": ("Noto Sans JP Variable", "Noto Sans Variable"),
    "zh-hans": ("Noto Sans SC Variable", "Noto Sans Variable"),
    "zh-hant": ("Noto Sans TC Variable", "Noto Sans Variable"),
}

# The rendered text of the page by the language it is written in: every text node that is rendered, and the
# attributes a reader meets (placeholders, labels read aloud, tooltips, image alternatives, button values).
_TEXT_BY_LANGUAGE = """() => {
  const out = {};
  const add = (element, text) => {
    if (!text) return;
    const language = (element.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang).toLowerCase();
    out[language] = (out[language] || "") + text;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (element && !element.closest("script, style, noscript, template") && element.checkVisibility()) {
      add(element, walker.currentNode.nodeValue);
    }
  }
  for (const element of document.body.querySelectorAll("[placeholder], [aria-label], [title], [alt], input[value]")) {
    for (const name of ["placeholder", "aria-label", "title", "alt"]) add(element, element.getAttribute(name));
    if (["submit", "button", "reset"].includes(element.type)) add(element, element.value);
  }
  return out;
}"""


def stack_for(language: str) -> tuple[str, ...]:
    """The vendored families of ``language`` (a BCP 47 tag as in a ``lang`` attribute), English's for others."""
    language = language.lower()
    return STACKS.get(language) or STACKS.get(language.split("-")[0]) or STACKS["en"]


@lru_cache
def _faces(stylesheet: str) -> tuple[tuple[str, str, tuple[tuple[int, int], ...]], ...]:
    """(family, woff2 path relative to the fonts folder, unicode ranges) of each @font-face in ``stylesheet``."""
    faces = []
    for block in re.findall(r"@font-face\s*{([^}]*)}", (FONTS / stylesheet).read_text(encoding="utf-8")):
        family = re.search(r"font-family:\s*'([^']+)'", block).group(1)
        path = re.search(r"url\(([^)]+\.woff2)\)", block).group(1)
        ranges = tuple((int(low, 16), int(high or low, 16)) for low, high in
                       re.findall(r"U\+([0-9a-fA-F]+)(?:-([0-9a-fA-F]+))?", re.search(r"unicode-range:([^;]+);",
                                                                                 block).group(1)))
        faces.append((family, path, ranges))
    return tuple(faces)


@lru_cache
def _cmap(path: str) -> frozenset[int]:
    with TTFont(FONTS / path) as font:  # a woff2 file: fontTools decompresses it with brotli
        return frozenset(font.getBestCmap())


@lru_cache
def coverage(stylesheet: str, family: str) -> frozenset[int]:
    """The code points that ``family`` draws on a page that links ``stylesheet`` (cached per family)."""
    covered = set()
    for face_family, path, ranges in _faces(stylesheet):
        if face_family == family:
            covered.update(point for point in _cmap(path) if any(low <= point <= high for low, high in ranges))
    return frozenset(covered)


def _ignored(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("C")


def linked_font_stylesheets(page) -> list[str]:
    """The vendored font stylesheets the page links, by their names in the fonts folder ("ko.css")."""
    hrefs = page.evaluate("[...document.querySelectorAll('link[rel=stylesheet]')].map((link) => link.href)")
    names = [re.match(r".*/vendor/fonts/([^/?#]+)", href) for href in hrefs]
    # the manifest storage of production adds a hash: ko.0123456789ab.css
    return [re.sub(r"\.[0-9a-f]{12}(?=\.css$)", "", name.group(1)) for name in names if name]


def uncovered_characters(page) -> dict[str, str]:
    """The characters the Playwright ``page`` shows that none of the vendored fonts of their language draws
    (whitespace and control characters aside), by language; empty when every character is covered."""
    stylesheets = linked_font_stylesheets(page)
    missing = {}
    for language, text in page.evaluate(_TEXT_BY_LANGUAGE).items():
        covered = frozenset().union(*(coverage(stylesheet, family) for stylesheet in stylesheets
                                      for family in stack_for(language)))
        characters = "".join(sorted({char for char in text if not _ignored(char) and ord(char) not in covered}))
        if characters:
            missing[language] = characters
    return missing


def loaded_families(page) -> set[str]:
    """The font families of which the page has loaded at least one face (after waiting for its fonts)."""
    return set(page.evaluate("""async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((face) => face.status === "loaded")
        .map((face) => face.family.replace(/["']/g, ""));
    }"""))


def rendering_fonts(page, selector: str) -> list[dict]:
    """The fonts Chromium drew the text of the first element matching ``selector`` with: family name, whether
    it is a web font (``isCustomFont``) and its glyph count, as DevTools' CSS.getPlatformFontsForNode tells."""
    session = page.context.new_cdp_session(page)
    try:
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument")["root"]["nodeId"]
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        return session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        session.detach()
