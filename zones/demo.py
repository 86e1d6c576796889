"""Demo content of the zones app: administrative units (with the 2025 merger), VSIC sectors, named
places, the Binh Phuoc parks and the Hoa Lu border-gate economic zone with illustrative boundaries and
plots (read from GeoJSON through geopandas), and incentive policies, in every language of the home page.

Pages are made the way an editor makes them: each is written in one language — the zones and policies in
Vietnamese by the board, the index pages in English like the site — and translated into the others through
wagtail-localize (``core.translations.translate_page``), with the texts of ``demo_data/texts/<language>.json``
and ``demo_data/policies.json``. ``load()`` is idempotent: a second run adds nothing."""

import contextlib
import datetime
import functools
import json
from decimal import Decimal
from pathlib import Path

import geopandas as gpd
from babel.numbers import format_decimal
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.translation import to_locale
from shapely.geometry import Point
from wagtail.models import Locale, Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update, reference_index_auto_update_disabled
from wagtail.tasks import update_reference_index_task

from core.translations import translate_page

from .demo_infrastructure import load_infrastructure
from .models import (
    AdministrativeUnit,
    EligibilityCondition,
    EligibilityRule,
    ExchangeRate,
    IncentiveIndexPage,
    IncentivePolicyPage,
    NamedPlace,
    Plot,
    Sector,
    ZoneDistance,
    ZoneFigure,
    ZoneFigureSource,
    ZoneIndexPage,
    ZonePage,
)
from .signals import plots_changed

DATA = Path(__file__).resolve().parent / "demo_data"

def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _fill_empty(obj, values: dict) -> None:
    """Write ``values`` into the columns of ``obj`` that are still empty: an editor's text is kept."""
    empty = {field: value for field, value in values.items() if not getattr(obj, field)}
    if empty:
        type(obj).objects.filter(pk=obj.pk).update(**empty)
        for field, value in empty.items():
            setattr(obj, field, value)


def load_reference() -> None:
    """Administrative units (with the 2025 merger as data), sectors and named places."""
    reference = json.loads((DATA / "reference.json").read_text(encoding="utf-8"))
    translated = reference["translations"]  # Korean, Japanese and Chinese columns by code
    units = {}
    for row in reference["administrative_units"]:
        unit, _ = AdministrativeUnit.objects.get_or_create(code=row["code"], defaults={
            "level": row["level"], "name_vi": row["name_vi"], "name_en": row["name_en"],
            "parent": units.get(row.get("parent")), "valid_from": _date(row.get("valid_from")),
            "valid_to": _date(row.get("valid_to")), "difficult_conditions": row.get("difficult", False)})
        units[row["code"]] = unit
        _fill_empty(unit, translated["administrative_units"].get(row["code"], {}))
    for row in reference["administrative_units"]:
        unit = units[row["code"]]
        if row.get("wage_region") and not unit.wage_region:  # illustrative: see each zone's figure sources
            unit.wage_region = row["wage_region"]
            unit.save(update_fields=["wage_region"])
    for row in reference["administrative_units"]:
        if row.get("successors"):
            units[row["code"]].successors.add(*[units[code] for code in row["successors"]])
    sectors = {}
    for code, level, parent, name_vi, name_en in reference["sectors"]:
        sectors[code], _ = Sector.objects.get_or_create(code=code, defaults={
            "level": level, "parent": sectors.get(parent), "name_vi": name_vi, "name_en": name_en})
        _fill_empty(sectors[code], translated["sectors"].get(code, {}))  # the VSIC migration made most of them
    for code, kind, name_vi, name_en, lon, lat in reference["places"]:
        if not NamedPlace.objects.filter(code=code).exists():
            place = NamedPlace(code=code, kind=kind, name_vi=name_vi, name_en=name_en)
            place.set_geometry(Point(lon, lat))
            place.save()
        _fill_empty(NamedPlace.objects.get(code=code), translated["places"].get(code, {}))


def _publish(page) -> None:
    page.save_revision().publish()


@functools.cache
def demo_texts(language: str) -> dict:
    """The demo's texts in ``language`` (``demo_data/texts/<language>.json``)."""
    return json.loads((DATA / "texts" / f"{language}.json").read_text(encoding="utf-8"))


def number(value, language: str) -> str:
    """``value`` written with the digit grouping of ``language`` (Babel's CLDR data): 28,364 or 28.364."""
    return format_decimal(value, locale=to_locale(language))


def translate(page: Page, language: str, texts: dict | None = None, strings: dict | None = None,
              again: bool = False) -> Page:
    """The translation of ``page`` into ``language``, made through wagtail-localize with ``texts`` and ``strings``
    (see ``core.translations.translate_page``) and published, unless it exists already (``again`` remakes it)."""
    existing = page.get_translation_or_none(Locale.objects.get(language_code=language))
    if existing is not None and not again:
        return existing.specific
    target = translate_page(page, language, texts=texts, strings=strings, publish=False)
    # save_target publishes on commit; the demo publishes at once, so that a caller's transaction sees the page.
    target.get_latest_revision().publish()
    return target


@contextlib.contextmanager
def references_indexed_once():
    """Wagtail indexes a page's references (for its "usage" view) on every save, and making a translation saves
    the page several times: within this block, index each page saved once, at the end."""
    if getattr(reference_index_auto_update_disabled, "value", False):
        yield  # an enclosing block indexes them
        return
    saved = set()

    def remember(sender, instance, raw=False, **kwargs):
        if isinstance(instance, Page) and not raw:
            saved.add((instance._meta.app_label, instance._meta.model_name, str(instance.pk)))

    post_save.connect(remember, weak=False, dispatch_uid="demo_references_indexed_once")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="demo_references_indexed_once")
    for key in sorted(saved):
        update_reference_index_task.enqueue(*key)


def site_languages(home: Page) -> list[str]:
    """The languages the site's home page has, the site's order: the languages the demo's pages are made in."""
    codes = set(home.get_translations(inclusive=True).values_list("locale__language_code", flat=True))
    return [code for code, _ in settings.LANGUAGES if code in codes]


def _index_page(model, key: str, home: Page, languages: list[str]) -> dict[str, Page]:
    """The index page ``model`` under the home page: written in English, translated into ``languages``."""
    source = model.objects.filter(locale__language_code="en").first()
    if source is None:
        content = demo_texts("en")["index"][key]
        source = model(title=content["title"], slug=content["slug"], seo_title=content["seo_title"],
                       intro=content["intro"], show_in_menus=True, locale=home.locale)
        home.add_child(instance=source)
        _publish(source)
    return {language: source if language == "en" else translate(source, language, demo_texts(language)["index"][key])
            for language in languages}


def _road(code: str) -> str:
    return "hoa" if code == "hoa-lu" else "chon" if code.startswith(("minh", "chon", "becamex")) else "dong"


def _zone_name(row, language: str) -> str:
    """The zone's name in ``language``: the GIS file's ``name_vi`` and ``name_en``, the texts' for the others."""
    return row.get(f"name_{language}") or demo_texts(language)["zone_names"][row["code"]]


def _zone_texts(row, language: str, hcmc_km: float) -> dict:
    """The text fields of a demo zone's page in ``language`` (the summary generated, its numbers in the
    language's own format)."""
    content = demo_texts(language)
    name = _zone_name(row, language)
    developer = content["developers"][row["developer"]]
    summary = content["summary"].format(name=name, area=number(row["total_area_ha"], language),
                                        km=number(round(hcmc_km), language), kind=content["kinds"][row["kind"]])
    return {"title": name, "slug": row["code"], "summary": summary, "developer": developer, "operator": developer,
            "contact_name": content["contact_name"], "roads": content["roads"][_road(row["code"])],
            "telecom": content["telecom"],
            "figure_sources": [{"source": content["figure_source"]} for _ in ZoneFigure.values]}


def developer_vi(name: str) -> str:
    """The Vietnamese name of a demo developer named ``name`` in the GIS file, else the name marked "(minh họa)"."""
    return demo_texts("vi")["developers"].get(name) or name.replace("(demo)", "(minh họa)")


#: The date the demo zones' illustrative figures are given as true at.
DEMO_AS_OF = datetime.date(2026, 7, 1)
#: An illustrative USD–VND rate so that the demo's costs show in VND.
DEMO_EXCHANGE_RATE = {
    "vnd_per_usd": Decimal("26000"), "effective_from": datetime.date(2024, 1, 1), "as_of": DEMO_AS_OF,
    "illustrative": True,
    "source": "Illustrative demo rate, not the State Bank of Vietnam's central rate: enter the rate the board uses, "
              "with its date and source.",
}


def figure_sources(language: str) -> list[ZoneFigureSource]:
    """A demo zone's figure sources: every group of figures marked illustrative, with its date."""
    return [ZoneFigureSource(figure=figure, source=demo_texts(language)["figure_source"], as_of=DEMO_AS_OF,
                             illustrative=True)
            for figure in ZoneFigure.values]


def _costs(row) -> dict:
    """A demo zone's illustrative fees and water prices (cheaper where land is cheaper)."""
    cheap = Decimal(row["price_min"]) < 50
    return {"infrastructure_fee_usd": Decimal("0.30") if cheap else Decimal("0.45"),
            "water_price_vnd_m3": Decimal("14500") if cheap else Decimal("16000"),
            "wastewater_price_vnd_m3": Decimal("9500") if cheap else Decimal("11000")}


def _new_zone(row, geometry, distances, content: dict) -> ZonePage:
    """A demo zone's page in Vietnamese, the language the board writes it in, with ``content`` as its text."""
    total = Decimal(row["total_area_ha"])
    industrial = (total * Decimal("0.68")).quantize(Decimal("0.01"))
    zone = ZonePage(
        code=row["code"], kind=row["kind"], status=row["status"],
        contact_email="invest@example.org", contact_phone="+84 271 000 0000",
        decision_number=f"DEMO-{row['code'].upper()}/QĐ-TTg", decision_date=datetime.date(2008, 6, 1),
        total_area_ha=total, industrial_land_ha=industrial,
        leasable_area_ha=industrial, leased_area_ha=(industrial * Decimal("0.55")).quantize(Decimal("0.01")),
        land_price_min_usd=Decimal(row["price_min"]), land_price_max_usd=Decimal(row["price_max"]),
        management_fee_usd=Decimal("0.5"), lease_term_end=datetime.date(2058, 12, 31),
        power_mva=Decimal(min(int(total) // 4 + 40, 500)), water_supply_m3_day=int(total) * 10 + 2000,
        wastewater_m3_day=int(total) * 8 + 1500, illustrative=True, **_costs(row),
    )
    for field, value in content.items():
        if field != "figure_sources":
            setattr(zone, field, value)
    zone.figure_sources = figure_sources("vi")
    zone.set_geometry(geometry, "EPSG:4326")
    zone.distances = [ZoneDistance(place=place, road_km=Decimal(str(km)), travel_minutes=minutes)
                      for place, (km, minutes) in distances]
    return zone


def load_zones(index_pages: dict[str, Page]) -> dict[str, ZonePage]:
    """The demo zones, their boundaries read from GeoJSON with geopandas: written in Vietnamese under the
    Vietnamese zone index and translated into the other languages of ``index_pages``. Returns the English pages
    by code."""
    frame = gpd.read_file(DATA / "zones.geojson", engine="pyogrio")
    places = {p.code: p for p in NamedPlace.objects.all()}
    units = {u.code: u for u in AdministrativeUnit.objects.all()}
    sectors = {s.code: s for s in Sector.objects.all()}
    zones = {}
    for row in frame.to_dict("records"):
        raw = row["distances"]
        raw = json.loads(raw) if isinstance(raw, str) else raw
        distances = [(places[code], value) for code, value in raw.items() if code in places]
        hcmc_km = dict((p.code, v[0]) for p, v in distances).get("ho-chi-minh-city", 0)
        zone = ZonePage.objects.filter(code=row["code"], locale__language_code="vi").first()
        if zone is None:
            zone = _new_zone(row, row["geometry"], distances, _zone_texts(row, "vi", hcmc_km))
            zone.communes = [units[c] for c in row["communes"].split(",") if c in units]
            zone.target_sectors = [sectors[c] for c in row["target_sectors"].split(",") if c in sectors]
            index_pages["vi"].add_child(instance=zone)
            _publish(zone)
        pages = {language: zone if language == "vi" else translate(zone, language, _zone_texts(row, language, hcmc_km))
                 for language in index_pages}
        zones[row["code"]] = pages["en"]
    return zones


def load_plots(zones: dict[str, ZonePage]) -> None:
    """The demo plots (read from GeoJSON with geopandas), attached to each zone."""
    frame = gpd.read_file(DATA / "plots.geojson", engine="pyogrio")
    existing = set(Plot.objects.values_list("zone__code", "code"))
    new = []
    for row in frame.to_dict("records"):
        zone = zones.get(row["zone_code"])
        if zone is None or (row["zone_code"], row["code"]) in existing:
            continue
        price = row.get("price_usd")
        plot = Plot(zone=zone, code=row["code"], land_use=row["land_use"], status=row["status"],
                    price_override_usd=None if price is None or price != price else Decimal(str(price)))
        plot.set_geometry(row["geometry"], "EPSG:4326")
        new.append(plot)
    Plot.objects.bulk_create(new)
    for zone in {plot.zone_id: plot.zone for plot in new}.values():  # no post_save in bulk: reindex the zones
        plots_changed.send(sender=Plot, zone=zone)


def _item(item: dict) -> tuple[str, dict]:
    """An incentive item of a policy's Vietnamese page."""
    value = {key: item.get(key) for key in ("cit_rate_pct", "cit_rate_years", "exemption_years", "reduction_years",
                                              "reduction_pct", "land_rent_exemption_years")}
    value.update(title=item["title"]["vi"], import_duty_exemption=item.get("import_duty_exemption", False),
                 other=item.get("other", {}).get("vi", ""))
    for key in ("cit_rate_pct", "reduction_pct"):
        value[key] = Decimal(value[key]) if value[key] is not None else None
    return ("incentive", value)


def _rule(data: dict) -> EligibilityRule:
    """An eligibility rule with its reason in every language the data gives and its ``[group, field, operator,
    value, not]`` conditions."""
    reasons = {f"reason_{language.replace('-', '_')}": text for language, text in data["reason"].items()}
    rule = EligibilityRule(**reasons)
    rule.conditions = [EligibilityCondition(group=row[0], field=row[1], operator=row[2], value=row[3],
                                            negate=len(row) > 4 and row[4]) for row in data["conditions"]]
    return rule


def _policy_translation(data: dict, language: str) -> tuple[dict, dict]:
    """The ``texts`` and ``strings`` that translate a policy's Vietnamese page into ``language``."""
    page_texts = {"title": data["title"][language], "slug": data["slug"], "summary": data["summary"][language],
                  "document_number": data["document_number"], "document_title": data["document_title"][language],
                  "article": data["article"][language]}
    strings = {}
    for item in data["items"]:
        for key in ("title", "other"):
            if key in item:
                strings[item[key]["vi"]] = item[key][language]
    return page_texts, strings


def load_policies(index_pages: dict[str, Page]) -> None:
    """The demo incentive policies and their eligibility rules: written in Vietnamese under the Vietnamese
    incentive index and translated into the other languages of ``index_pages``."""
    for data in json.loads((DATA / "policies.json").read_text(encoding="utf-8")):
        policy = IncentivePolicyPage.objects.filter(slug=data["slug"], locale__language_code="vi").first()
        if policy is None:
            policy = IncentivePolicyPage(
                title=data["title"]["vi"], slug=data["slug"], summary=data["summary"]["vi"],
                document_number=data["document_number"], document_title=data["document_title"]["vi"],
                article=data["article"]["vi"], effective_from=_date(data.get("effective_from")),
                effective_to=_date(data.get("effective_to")), items=[_item(i) for i in data["items"]])
            policy.rules = [_rule(rule) for rule in data["rules"]]
            index_pages["vi"].add_child(instance=policy)
            _publish(policy)
        for language in index_pages:
            if language != "vi":
                translate(policy, language, *_policy_translation(data, language))


def calls_to_action(zone_index: dict) -> dict[str, list[tuple[str, str, object]]]:
    """The home pages' calls to action towards the zones and the incentive finder, by language: ``(title,
    text, target)`` where the target is the zone index page of that language (``zone_index``) or a path."""
    return {language: [(title, text, target) for (title, text), target in zip(
                demo_texts(language)["calls_to_action"],
                (zone_index[language], f"/{language}/zones-api/incentive-finder/"), strict=True)]
            for language in zone_index}


@transaction.atomic
def load(home: Page | None = None) -> dict[str, list[tuple[str, str, object]]]:
    """Load the zones app's demo content under ``home``, the English home page (idempotent), in every language
    the home page has; without it, under the default site's root page. The site layer creates the home pages,
    hands the parent over and adds the calls to action this returns (see ``calls_to_action``) to its home
    pages."""
    if home is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page if site is not None else None
        if home is None or home.specific_class is Page:  # none, or Wagtail's placeholder "welcome" page
            raise LookupError("The site has no home page: create it first (portal.demo.ensure_home_pages) and "
                              "hand it to zones.demo.load.")
    languages = site_languages(home)
    if not {"en", "vi"} <= set(languages):
        raise LookupError("The demo needs the home page in English and Vietnamese: the index pages are written "
                          "in English, the zones and policies in Vietnamese.")
    load_reference()
    with references_indexed_once():
        zone_index = _index_page(ZoneIndexPage, "zones", home, languages)
        zones = load_zones(zone_index)
        load_plots(zones)
        incentive_index = _index_page(IncentiveIndexPage, "incentives", home, languages)
        load_policies(incentive_index)
    load_infrastructure()
    if not ExchangeRate.objects.exists():
        ExchangeRate.objects.create(**DEMO_EXCHANGE_RATE)
    return calls_to_action(zone_index)
