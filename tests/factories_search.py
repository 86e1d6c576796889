"""Test data for the search tests: zones, an incentive policy, a procedure and a project with an investor,
in English and Vietnamese, built with the apps' own models."""

import datetime
from decimal import Decimal

from shapely.geometry import box
from wagtail.models import Locale

from tests.factories import zone_index
from zones.models import AdministrativeUnit, IncentiveIndexPage, IncentivePolicyPage, Sector, ZonePage

SECRET = "ZZSECRET-7f3a9c"


def units():
    province, _ = AdministrativeUnit.objects.get_or_create(
        code="70", defaults={"level": "province", "name_vi": "Bình Phước", "name_en": "Binh Phuoc"})
    dong_xoai, _ = AdministrativeUnit.objects.get_or_create(
        code="25001", defaults={"level": "commune", "name_vi": "Phường Tân Phú, Đồng Xoài",
                                "name_en": "Tan Phu ward, Dong Xoai", "parent": province})
    chon_thanh, _ = AdministrativeUnit.objects.get_or_create(
        code="25002", defaults={"level": "commune", "name_vi": "Phường Minh Hưng, Chơn Thành",
                                "name_en": "Minh Hung ward, Chon Thanh", "parent": province})
    return province, dong_xoai, chon_thanh


def sector():
    return Sector.objects.get_or_create(code="C", defaults={"level": "section", "name_vi": "Công nghiệp chế biến",
                                                            "name_en": "Manufacturing"})[0]


def zone(home, title, code, lon, lat, *, kind="industrial_park", status="operating", commune=None,
         summary="", body="", leasable=None, leased=None, price=None, publish=True):
    """A published zone page with a small square boundary around (lon, lat)."""
    page = ZonePage(title=title, slug=code, code=code, kind=kind, status=status, summary=summary, body=body,
                    leasable_area_ha=leasable, leased_area_ha=leased, land_price_min_usd=price,
                    contact_name=f"Contact {SECRET}", live=publish)
    page.set_geometry(box(lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01))
    zone_index(home).add_child(instance=page)
    if commune is not None:
        page.communes.set([commune])
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def policy(home, title, summary, body=""):
    index = IncentiveIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = IncentiveIndexPage(title="Incentives", slug="incentives")
        home.add_child(instance=index)
        index.save_revision().publish()
    page = IncentivePolicyPage(title=title, slug=title.lower().replace(" ", "-")[:40], summary=summary, body=body)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def procedure(name_vi, name_en, code="1.009645"):
    from licensing.models import Agency, Procedure

    agency, _ = Agency.objects.get_or_create(code="bql", defaults={
        "name_vi": "Ban Quản lý các khu công nghiệp", "name_en": "Industrial Parks Management Board",
        "level": "province", "phone": SECRET, "email": "secret@example.org"})
    return Procedure.objects.create(code=code, name_vi=name_vi, name_en=name_en, agency=agency, time_limit=15,
                                    effective_from=datetime.date(2021, 1, 1))


def project(name_vi, name_en, code="P-001", lon=106.9, lat=11.53, commune=None):
    """A project with an investor whose contacts and notes are secret."""
    from projects.models import Investor
    from projects.services import Share, register_project

    investor = Investor.objects.create(name_vi="Công ty TNHH Minh Long", name_en="Minh Long Co., Ltd",
                                       country="KR", contact_name=f"Mr {SECRET}",
                                       contact_email="secret-contact@example.org", contact_phone=SECRET,
                                       address=f"Street {SECRET}", private_notes=f"Notes {SECRET}")
    from projects.models import Project

    item = Project(name_vi=name_vi, name_en=name_en, code=code, sector=sector(), commune=commune,
                   registered_on=datetime.date(2023, 5, 1), currency="USD",
                   registered_capital=Decimal("25000000"), exchange_rate=Decimal("24000"),
                   exchange_rate_date=datetime.date(2023, 5, 1), lon=lon, lat=lat,
                   private_notes=f"Private {SECRET}")
    return register_project(item, [Share(investor, Decimal("100"))], locate_now=False)


def vi_home(home):
    return home.get_translation(Locale.objects.get(language_code="vi"))


def application(project_obj):
    """A dossier of ``project_obj`` for its procedure, with a secret note in its history."""
    from licensing.models import Application, ApplicationHistory, Procedure

    item = Application.objects.create(project=project_obj, procedure=Procedure.objects.first(),
                                      submitted_on=datetime.date(2024, 3, 1), result_number=f"RN-{SECRET}")
    ApplicationHistory.objects.create(application=item, from_status="", to_status=item.status, on=item.submitted_on,
                                      note=f"Officer note {SECRET}")
    return item


def assert_hit_links_to(client, doc_type: str, text: str, language: str, url: str) -> None:
    """After a rebuild, searching ``text`` in ``language`` finds one ``doc_type`` hit linking to ``url``, which
    answers, and the search page narrowed to ``doc_type`` links to it (unnarrowed, sectors and zones of the
    same words may fill its first page)."""
    from search import services
    from search.backends import get_backend
    from search.backends.base import SearchQuery

    services.rebuild_index()
    hits = get_backend().search(SearchQuery(text=text, locale=language, filters={"type": (doc_type,)})).hits
    assert [hit.url for hit in hits] == [url]
    assert client.get(url).status_code == 200
    assert f'href="{url}"' in client.get(f"/{language}/search/", {"q": text, "type": doc_type}).content.decode()
