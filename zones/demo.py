"""Demo content of the zones app: administrative units (with the 2025 merger), VSIC sectors, named
places, the Binh Phuoc parks and the Hoa Lu border-gate economic zone with illustrative boundaries and
plots (read from GeoJSON through geopandas), and incentive policies, in English and Vietnamese.
``load()`` is idempotent: a second run adds nothing."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import geopandas as gpd
from django.db import transaction
from shapely.geometry import Point
from wagtail.models import Locale, Page, Site

from .choices import ZoneKind
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

INDEX = {
    "zones": {"en": ("Zones", "Industrial parks and economic zones"),
              "vi": ("Khu công nghiệp", "Khu công nghiệp và khu kinh tế")},
    "incentives": {"en": ("Incentives", "Investment incentives"), "vi": ("Ưu đãi", "Ưu đãi đầu tư")},
}
INTRO = {
    "zones": {"en": "<p>Find a site: filter the province's industrial parks and economic zones by kind, land still "
                    "available, price and distance. Boundaries and plots are illustrative demo data.</p>",
              "vi": "<p>Tìm mặt bằng: lọc các khu công nghiệp và khu kinh tế theo loại hình, quỹ đất còn trống, giá "
                    "thuê và khoảng cách. Ranh giới và lô đất là dữ liệu minh họa.</p>"},
    "incentives": {"en": "<p>The incentive policies that apply in the province, with their legal basis and who is "
                         "eligible.</p>",
                   "vi": "<p>Các chính sách ưu đãi áp dụng trên địa bàn tỉnh, căn cứ pháp lý và đối tượng được "
                         "hưởng.</p>"},
}
ROADS = {
    "en": {"chon": "National Road 13 (Ho Chi Minh City – Hoa Lu border gate); Ho Chi Minh Road",
           "dong": "National Road 14; Dong Xoai – Chon Thanh road", "hoa": "National Road 13 to Hoa Lu border gate"},
    "vi": {"chon": "Quốc lộ 13 (TP. Hồ Chí Minh – cửa khẩu Hoa Lư); đường Hồ Chí Minh",
           "dong": "Quốc lộ 14; đường Đồng Xoài – Chơn Thành", "hoa": "Quốc lộ 13 đến cửa khẩu Hoa Lư"},
}
TELECOM = {"en": "Fibre optic and 4G/5G from the main carriers", "vi": "Cáp quang và 4G/5G của các nhà mạng lớn"}


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


def _index_page(model, key: str, home, locales) -> dict:
    """The index page ``model`` under the home page in both languages."""
    pages = {}
    en = model.objects.filter(locale=locales["en"]).first()
    if en is None:
        title, seo = INDEX[key]["en"]
        en = model(title=title, slug=key, seo_title=seo, intro=INTRO[key]["en"], show_in_menus=True,
                   locale=locales["en"])
        home.add_child(instance=en)
        _publish(en)
    pages["en"] = en
    vi = model.objects.filter(locale=locales["vi"], translation_key=en.translation_key).first()
    if vi is None:
        vi = en.copy_for_translation(locales["vi"])
        vi.title, vi.seo_title = INDEX[key]["vi"]
        vi.intro = INTRO[key]["vi"]
        _publish(vi)
    pages["vi"] = vi
    return pages


#: The Vietnamese pages name the demo developers in Vietnamese where the English name is a description.
DEVELOPERS_VI = {
    "Provincial Economic Zone Authority (demo)": "Ban Quản lý Khu kinh tế tỉnh (minh họa)",
    "Chon Thanh IP developer (demo)": "Chủ đầu tư hạ tầng KCN Chơn Thành (minh họa)",
    "Dong Xoai IP developer (demo)": "Chủ đầu tư hạ tầng KCN Đồng Xoài (minh họa)",
    "Bac Dong Phu IP developer (demo)": "Chủ đầu tư hạ tầng KCN Bắc Đồng Phú (minh họa)",
    "Nam Dong Phu IP developer (demo)": "Chủ đầu tư hạ tầng KCN Nam Đồng Phú (minh họa)",
}


def developer_vi(name: str) -> str:
    """The Vietnamese page's developer: its Vietnamese name, else the company name marked "(minh họa)"."""
    return DEVELOPERS_VI.get(name) or name.replace("(demo)", "(minh họa)")


def _zone_texts(row, language: str, hcmc_km: float) -> dict:
    kind = ZoneKind(row["kind"]).label
    if language == "vi":
        area = f"{row['total_area_ha']:,}".replace(",", ".")
        summary = (f"{row['name_vi']}: {area} ha, cách TP. Hồ Chí Minh khoảng {hcmc_km:.0f} km đường bộ. "
                   "Số liệu, ranh giới và lô đất chỉ mang tính minh họa.")
    else:
        summary = (f"{row['name_en']}: {row['total_area_ha']:,} ha, about {hcmc_km:.0f} km by road from Ho Chi Minh "
                   f"City ({kind}). Figures, boundaries and plots are illustrative.")
    road = "hoa" if row["code"] == "hoa-lu" else "chon" if row["code"].startswith(("minh", "chon", "becamex")) \
        else "dong"
    return {"summary": summary, "roads": ROADS[language][road], "telecom": TELECOM[language]}


#: The date the demo zones' illustrative figures are given as true at.
DEMO_AS_OF = datetime.date(2026, 7, 1)
DEMO_SOURCE = {
    "en": "Illustrative demo data, not an official figure: replace it with the zone operator's or the "
          "authority's published figure.",
    "vi": "Dữ liệu minh họa, không phải số liệu chính thức: thay bằng số liệu do chủ đầu tư hạ tầng hoặc cơ quan "
          "có thẩm quyền công bố.",
}
#: An illustrative USD–VND rate so that the demo's costs show in VND.
DEMO_EXCHANGE_RATE = {
    "vnd_per_usd": Decimal("26000"), "effective_from": datetime.date(2024, 1, 1), "as_of": DEMO_AS_OF,
    "illustrative": True,
    "source": "Illustrative demo rate, not the State Bank of Vietnam's central rate: enter the rate the board uses, "
              "with its date and source.",
}


def figure_sources(language: str) -> list[ZoneFigureSource]:
    """A demo zone's figure sources: every group of figures marked illustrative, with its date."""
    return [ZoneFigureSource(figure=figure, source=DEMO_SOURCE[language], as_of=DEMO_AS_OF, illustrative=True)
            for figure in ZoneFigure.values]


def _costs(row) -> dict:
    """A demo zone's illustrative fees and water prices (cheaper where land is cheaper)."""
    cheap = Decimal(row["price_min"]) < 50
    return {"infrastructure_fee_usd": Decimal("0.30") if cheap else Decimal("0.45"),
            "water_price_vnd_m3": Decimal("14500") if cheap else Decimal("16000"),
            "wastewater_price_vnd_m3": Decimal("9500") if cheap else Decimal("11000")}


def _new_zone(row, geometry, distances) -> ZonePage:
    total = Decimal(row["total_area_ha"])
    industrial = (total * Decimal("0.68")).quantize(Decimal("0.01"))
    zone = ZonePage(
        title=row["name_en"], slug=row["code"], code=row["code"], kind=row["kind"], status=row["status"],
        developer=row["developer"], operator=row["developer"], contact_name="Investor relations (demo)",
        contact_email="invest@example.org", contact_phone="+84 271 000 0000",
        decision_number=f"DEMO-{row['code'].upper()}/QĐ-TTg", decision_date=datetime.date(2008, 6, 1),
        total_area_ha=total, industrial_land_ha=industrial,
        leasable_area_ha=industrial, leased_area_ha=(industrial * Decimal("0.55")).quantize(Decimal("0.01")),
        land_price_min_usd=Decimal(row["price_min"]), land_price_max_usd=Decimal(row["price_max"]),
        management_fee_usd=Decimal("0.5"), lease_term_end=datetime.date(2058, 12, 31),
        power_mva=Decimal(min(int(total) // 4 + 40, 500)), water_supply_m3_day=int(total) * 10 + 2000,
        wastewater_m3_day=int(total) * 8 + 1500, illustrative=True, **_costs(row),
    )
    zone.figure_sources = figure_sources("en")
    zone.set_geometry(geometry, "EPSG:4326")
    zone.distances = [ZoneDistance(place=place, road_km=Decimal(str(km)), travel_minutes=minutes)
                      for place, (km, minutes) in distances]
    return zone


def load_zones(locales, index_pages) -> dict[str, ZonePage]:
    """The demo zones in both languages, their boundaries read from GeoJSON with geopandas."""
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
        zone = ZonePage.objects.filter(code=row["code"], locale=locales["en"]).first()
        if zone is None:
            zone = _new_zone(row, row["geometry"], distances)
            for field, value in _zone_texts(row, "en", hcmc_km).items():
                setattr(zone, field, value)
            zone.communes = [units[c] for c in row["communes"].split(",") if c in units]
            zone.target_sectors = [sectors[c] for c in row["target_sectors"].split(",") if c in sectors]
            index_pages["en"].add_child(instance=zone)
            _publish(zone)
        if not ZonePage.objects.filter(translation_key=zone.translation_key, locale=locales["vi"]).exists():
            vi = zone.copy_for_translation(locales["vi"])
            vi.title = row["name_vi"]
            for field, value in _zone_texts(row, "vi", hcmc_km).items():
                setattr(vi, field, value)
            vi.contact_name = "Bộ phận quan hệ nhà đầu tư (minh họa)"
            vi.developer = vi.operator = developer_vi(row["developer"])
            vi.figure_sources = figure_sources("vi")
            _publish(vi)
        zones[row["code"]] = zone
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


def _item(item: dict, language: str) -> tuple[str, dict]:
    value = {key: item.get(key) for key in ("cit_rate_pct", "cit_rate_years", "exemption_years", "reduction_years",
                                              "reduction_pct", "land_rent_exemption_years")}
    value.update(title=item["title"][language], import_duty_exemption=item.get("import_duty_exemption", False),
                 other=item.get("other", {}).get(language, ""))
    for key in ("cit_rate_pct", "reduction_pct"):
        value[key] = Decimal(value[key]) if value[key] is not None else None
    return ("incentive", value)


def _rule(data: dict) -> EligibilityRule:
    """An eligibility rule with its reason in both languages and its ``[group, field, operator, value, not]``
    conditions."""
    rule = EligibilityRule(reason_en=data["reason"]["en"], reason_vi=data["reason"]["vi"])
    rule.conditions = [EligibilityCondition(group=row[0], field=row[1], operator=row[2], value=row[3],
                                            negate=len(row) > 4 and row[4]) for row in data["conditions"]]
    return rule


def load_policies(locales, index_pages) -> None:
    """The demo incentive policies and their eligibility rules, in both languages."""
    for data in json.loads((DATA / "policies.json").read_text(encoding="utf-8")):
        policy = IncentivePolicyPage.objects.filter(slug=data["slug"], locale=locales["en"]).first()
        if policy is None:
            policy = IncentivePolicyPage(
                title=data["title"]["en"], slug=data["slug"], summary=data["summary"]["en"],
                document_number=data["document_number"], document_title=data["document_title"]["en"],
                article=data["article"]["en"], effective_from=_date(data.get("effective_from")),
                effective_to=_date(data.get("effective_to")), items=[_item(i, "en") for i in data["items"]])
            policy.rules = [_rule(rule) for rule in data["rules"]]
            index_pages["en"].add_child(instance=policy)
            _publish(policy)
        if not IncentivePolicyPage.objects.filter(translation_key=policy.translation_key,
                                                  locale=locales["vi"]).exists():
            vi = policy.copy_for_translation(locales["vi"])
            vi.title, vi.summary = data["title"]["vi"], data["summary"]["vi"]
            vi.document_title, vi.article = data["document_title"]["vi"], data["article"]["vi"]
            vi.items = [_item(i, "vi") for i in data["items"]]
            _publish(vi)


CALLS_TO_ACTION = {
    "en": [("Find a site", "Industrial parks and the Hoa Lu border-gate economic zone on a map, with land still "
                           "available and prices.", "zones"),
           ("Which incentives apply?", "Describe your project and see the tax and land incentives it qualifies "
                                       "for, and why.", "/en/zones-api/incentive-finder/")],
    "vi": [("Tìm mặt bằng", "Các khu công nghiệp và Khu kinh tế cửa khẩu Hoa Lư trên bản đồ, quỹ đất còn trống và "
                            "giá thuê.", "zones"),
           ("Dự án được hưởng ưu đãi gì?", "Mô tả dự án để xem các ưu đãi về thuế, đất đai được hưởng và lý do.",
            "/vi/zones-api/incentive-finder/")],
}


def calls_to_action(zone_index: dict) -> dict[str, list[tuple[str, str, object]]]:
    """The home pages' calls to action towards the zones and the incentive finder, by language: ``(title,
    text, target)`` where the target is the zone index page of that language (``zone_index``) or a path."""
    return {language: [(title, text, zone_index[language] if target == "zones" else target)
                       for title, text, target in CALLS_TO_ACTION[language]]
            for language in ("en", "vi")}


@transaction.atomic
def load(home: Page | None = None) -> dict[str, list[tuple[str, str, object]]]:
    """Load the zones app's demo content under ``home``, the English home page (idempotent); without it,
    under the default site's root page. The site layer creates the home pages, hands the parent over and adds
    the calls to action this returns (see ``calls_to_action``) to its home pages."""
    if home is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page if site is not None else None
        if home is None or home.specific_class is Page:  # none, or Wagtail's placeholder "welcome" page
            raise LookupError("The site has no home page: create it first (portal.demo.ensure_home_pages) and "
                              "hand it to zones.demo.load.")
    locales = {code: Locale.objects.get(language_code=code) for code in ("en", "vi")}
    load_reference()
    zone_index = _index_page(ZoneIndexPage, "zones", home, locales)
    zones = load_zones(locales, zone_index)
    load_plots(zones)
    incentive_index = _index_page(IncentiveIndexPage, "incentives", home, locales)
    load_policies(locales, incentive_index)
    load_infrastructure()
    if not ExchangeRate.objects.exists():
        ExchangeRate.objects.create(**DEMO_EXCHANGE_RATE)
    return calls_to_action(zone_index)
