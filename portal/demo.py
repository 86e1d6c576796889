"""Demo content of the site layer: locales, the home page written in English and translated into the site's
other languages through wagtail-localize (texts in ``demo_data/texts/<language>.json``), site settings and a
demo administrator; and ``load``, which loads every app's demo under the home pages. Every function is
idempotent: a second run changes nothing."""

import functools
import json
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import OverridableSegment, SegmentOverride, TranslationSource

from zones.demo import number, references_indexed_once, site_languages, translate

from .models import HomePage, SiteSettings

DATA = Path(__file__).resolve().parent / "demo_data"
#: Every language of the site, the demo command's default for the home pages.
ALL_LANGUAGES = tuple(code for code, _ in settings.LANGUAGES)


@functools.cache
def demo_texts(language: str) -> dict:
    """The site layer's demo texts in ``language`` (``demo_data/texts/<language>.json``)."""
    return json.loads((DATA / "texts" / f"{language}.json").read_text(encoding="utf-8"))


def ensure_locales() -> dict[str, Locale]:
    """Create a Locale for every site language."""
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES}


def _figures(language: str) -> list[tuple[str, dict]]:
    content = demo_texts(language)["home"]
    return [("figure", {"value": number(value, language), "unit": unit, "label": label,
                        "source": content["source"]})
            for value, unit, label in content["figures"]]


def _home_translation(language: str) -> tuple[dict, dict]:
    """The ``texts`` and ``strings`` that translate the English home page into ``language``: its fields, and its
    key figures by their English text."""
    content = demo_texts(language)["home"]
    page_texts = {name: content[name] for name in ("title", "slug", "hero_title", "hero_text", "body")}
    strings = {}
    for (_, english), (_, translated) in zip(_figures("en"), _figures(language), strict=True):
        strings.update({english[key]: translated[key] for key in ("value", "unit", "label", "source")})
    return page_texts, strings


@transaction.atomic
def ensure_home_pages(languages: tuple[str, ...] = ALL_LANGUAGES) -> HomePage:
    """The English home page as the default site's root, translated into ``languages`` through
    wagtail-localize (every site language by default; a test asks for what it needs, making each translation
    costs). Returns the English page."""
    locales = ensure_locales()
    root = Page.get_first_root_node() or Page.add_root(title="Root", locale=locales["en"])
    home = HomePage.objects.filter(locale=locales["en"]).first()
    if home is None:
        # The placeholder page (and its site) that Wagtail's first migration creates give way.
        placeholder = Page.objects.filter(depth=2, content_type__app_label="wagtailcore",
                                          content_type__model="page")
        Site.objects.filter(root_page__in=placeholder).delete()
        placeholder.delete()
        content = demo_texts("en")["home"]
        home = HomePage(locale=locales["en"], key_figures=_figures("en"),
                        **{name: content[name] for name in ("title", "slug", "hero_title", "hero_text", "body")})
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                            site_name="Invest Portal")
    elif site.root_page_id != home.id:
        site.root_page = home
        site.save()
    with references_indexed_once():
        for language in languages:
            if language != "en":
                translate(home, language, *_home_translation(language))
    return home


#: The demo site settings in Korean, Japanese, Simplified and Traditional Chinese.
SITE_SETTINGS_OTHER_LANGUAGES = {
    "organisation_name": ("투자촉진센터 (데모)", "投資促進センター（デモ）", "投资促进中心（演示）",
                          "投資促進中心（示範）"),
    "address": ("베트남 빈프억성 동쏘아이", "ベトナム ビンフオック省 ドンソアイ", "越南平福省同帅", "越南平福省同帥"),
    "footer_text": ("데모 콘텐츠: 수치와 경계는 예시입니다.", "デモ用コンテンツ：数値と境界は例示です。",
                    "演示内容：数据和边界仅作示意。", "示範內容：數據與邊界僅供示意。"),
}


def ensure_site_settings() -> SiteSettings:
    """Contact details of the investment promotion centre (illustrative)."""
    site = Site.objects.get(is_default_site=True)
    settings_obj = SiteSettings.for_site(site)
    if not settings_obj.email:
        settings_obj.organisation_name_en = "Investment Promotion Centre (demo)"
        settings_obj.organisation_name_vi = "Trung tâm Xúc tiến Đầu tư (minh họa)"
        settings_obj.address_en = "Dong Xoai, Binh Phuoc, Viet Nam"
        settings_obj.address_vi = "Đồng Xoài, Bình Phước, Việt Nam"
        settings_obj.email = "invest@example.org"
        settings_obj.phone = "+84 271 000 0000"
        settings_obj.footer_text_en = "Demo content: figures and boundaries are illustrative."
        settings_obj.footer_text_vi = "Nội dung minh họa: số liệu và ranh giới chỉ mang tính minh họa."
        for field, texts in SITE_SETTINGS_OTHER_LANGUAGES.items():
            for suffix, text in zip(("ko", "ja", "zh_hans", "zh_hant"), texts, strict=True):
                setattr(settings_obj, f"{field}_{suffix}", text)
        settings_obj.save()
    return settings_obj


def ensure_admin(username: str, password: str, email: str = "admin@example.org") -> tuple[object, bool]:
    """A superuser for the demo; returns (user, created). An existing user keeps its password."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username, defaults={"email": email, "is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_password(password)
        user.save()
    return user, created


def load(progress: Callable[[str], None] | None = None) -> HomePage:
    """Load the demo content of every app, in dependency order: the site layer's home pages and settings,
    then the zones under the home page, the project registry, the licensing catalogue and dossiers, the
    calls to action those apps offer on the home pages, and last the search index. ``progress`` is told the
    name of each step done. Returns the English home page."""
    from licensing import demo as licensing_demo
    from projects import demo as projects_demo
    from promotion import demo as promotion_demo
    from search import demo as search_demo
    from zones import demo as zones_demo

    report = progress or (lambda _step: None)
    home = ensure_home_pages()
    ensure_site_settings()
    report("portal")
    zone_actions = zones_demo.load(home)
    add_calls_to_action(zone_actions)
    report("zones")
    projects_demo.load()
    report("projects")
    licensing_demo.load()
    add_calls_to_action(licensing_demo.CALLS_TO_ACTION)
    report("licensing")
    promotion_demo.load()
    report("promotion")
    search_demo.load()
    report("search")
    return home


def _action_strings(actions: dict, language: str, new: list[tuple[str, str, object]]) -> dict[str, str]:
    """The translation into ``language`` of the new calls to action ``new`` (English): from ``actions`` where it
    gives that language (matched by position with its English list), else from the site's demo texts."""
    known = demo_texts(language)["calls_to_action"]
    given = dict(zip([title for title, _, _ in actions.get("en", [])], actions.get(language, []), strict=False))
    strings = {}
    for title, text, target in new:
        translated = given.get(title)
        strings[title], strings[text] = (translated[0], translated[1]) if translated else known[title]
        if isinstance(target, str):
            strings[target] = (translated[2] if translated and isinstance(translated[2], str)
                               else target.replace("/en/", f"/{language}/", 1))
    return strings


def _override_pages(source: TranslationSource, language: str, actions: dict, new) -> None:
    """Point the translated calls to action at the page of their own language: a page a call to action links to
    is one value for every language unless overridden, as an editor does in the translation editor."""
    locale = Locale.objects.get(language_code=language)
    given = dict(zip([title for title, _, _ in actions.get("en", [])], actions.get(language, []), strict=False))
    targets = {target.pk: given.get(title, (None, None, None))[2] for title, _, target in new
               if isinstance(target, Page)}
    for segment in OverridableSegment.objects.filter(source=source).select_related("context"):
        if segment.data not in targets:
            continue
        target = targets[segment.data]
        if not isinstance(target, Page):
            target = Page.objects.get(pk=segment.data).get_translation_or_none(locale)
        if target is not None:
            SegmentOverride.objects.update_or_create(locale=locale, context=segment.context,
                                                     defaults={"data_json": json.dumps(target.pk)})


def add_calls_to_action(actions: dict[str, list[tuple[str, str, object]]]) -> None:
    """Add calls to action to the English home page, each title once, and translate them into each language
    of the home page through wagtail-localize: with ``actions`` in that language where it has them (matched
    by position with the English ones), else with the site's demo texts.

    An action is ``(title, text, target)`` where the target is a page or a path on this site."""
    home = HomePage.objects.filter(locale__language_code="en").first()
    if home is None:
        return
    existing = {block.value["title"] for block in home.calls_to_action}
    new = [(title, text, target) for title, text, target in actions.get("en", []) if title not in existing]
    if not new:
        return
    added = [{"type": "action", "id": str(uuid.uuid4()),
              "value": {"title": title, "text": text, "page": target.pk if isinstance(target, Page) else None,
                        "url": target if isinstance(target, str) else ""}}
             for title, text, target in new]
    # The blocks keep their ids: the translations of their texts are kept under them.
    home.calls_to_action = list(home.calls_to_action.raw_data) + added
    with references_indexed_once():
        _translate_calls_to_action(home, actions, new)


def _translate_calls_to_action(home: HomePage, actions: dict, new: list[tuple[str, str, object]]) -> None:
    revision = home.save_revision()
    draft = revision.as_object()  # with the new blocks' ids, which name their segments
    source, _ = TranslationSource.update_or_create_from_instance(draft)
    for language in site_languages(home):
        if language != "en":
            _override_pages(source, language, actions, new)
            translate(draft, language, strings=_action_strings(actions, language, new), again=True)
    revision.publish()
