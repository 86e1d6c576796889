"""The public page of a project: what the search indexes about it and nothing else, in English and Vietnamese."""

from datetime import date

import pytest
from django.urls import reverse

from projects.models import Project
from tests import factories_search as f
from zones.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(home_page):
    _province, dong_xoai, _chon_thanh = f.units()
    zone = f.zone(home_page, "Dong Xoai III Industrial Park", "dong-xoai-iii", 106.92, 11.55, commune=dong_xoai)
    vi_zone = zone.copy_for_translation(f.vi_home(home_page).locale, copy_parents=True)
    vi_zone.title = "Khu công nghiệp Đồng Xoài III"
    vi_zone.save_revision().publish()
    item = f.project("Nhà máy may Minh Long", "Minh Long garment factory", commune=dong_xoai)
    Project.objects.filter(pk=item.pk).update(zone=zone, certificate_number=f"CERT-{f.SECRET}",
                                              policy_decision_number=f"POL-{f.SECRET}")
    f.procedure("Cấp Giấy chứng nhận đăng ký đầu tư", "Issuing the investment registration certificate")
    f.application(item)
    return Project.objects.get(pk=item.pk)


def test_page_shows_the_public_information_in_english(client, project):
    response = client.get(reverse("projects:project", args=[project.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Minh Long garment factory</h1>" in html
    assert "P-001" in html and "Manufacturing" in html and "FDI" in html and "Registered" in html
    assert "Tan Phu ward, Dong Xoai, Binh Phuoc" in html
    assert '<a href="/en/zones/dong-xoai-iii/">Dong Xoai III Industrial Park</a>' in html
    assert "25,000,000 USD" in html
    assert "Minh Long Co., Ltd" in html
    assert 'data-map-features="1"' in html


def test_page_in_vietnamese(client, project):
    response = client.get(f"/vi/projects/{project.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Nhà máy may Minh Long</h1>" in html
    assert "Công nghiệp chế biến" in html and "Phường Tân Phú, Đồng Xoài, Bình Phước" in html
    assert "Khu công nghiệp Đồng Xoài III</a>" in html and "25.000.000 USD" in html
    assert "Công ty TNHH Minh Long" in html and "Vốn đăng ký" in html


@pytest.mark.parametrize("language", ["en", "vi"])
def test_confidential_fields_never_reach_the_page(client, project, language):
    html = client.get(f"/{language}/projects/{project.pk}/").content.decode()
    assert f.SECRET not in html  # contacts, address, private notes, certificate, dossiers and their history
    assert "secret-contact@example.org" not in html


def test_unknown_project_is_404(client, project):
    assert client.get(reverse("projects:project", args=[project.pk + 1000])).status_code == 404


def test_names_are_escaped(client, project):
    Project.objects.filter(pk=project.pk).update(name_en="<script>alert(1)</script>")
    html = client.get(reverse("projects:project", args=[project.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_page_reads_a_bounded_number_of_queries(client, project, django_assert_max_num_queries):
    client.get(reverse("projects:project", args=[project.pk]))  # the site's own per-process caches
    with django_assert_max_num_queries(12):
        assert client.get(reverse("projects:project", args=[project.pk])).status_code == 200


def test_without_zone_or_location(client, project):
    Project.objects.filter(pk=project.pk).update(zone=None, lon=None, lat=None, commune=None)
    html = client.get(reverse("projects:project", args=[project.pk])).content.decode()
    assert "Dong Xoai III" not in html and "data-map-features" not in html


@pytest.mark.parametrize(("language", "text"), [("en", "garment"), ("vi", "nha may may")])
def test_search_hit_links_to_the_project_page(client, project, language, text):
    f.assert_hit_links_to(client, "project", text, language, f"/{language}/projects/{project.pk}/")


def test_a_place_merged_since_registration_is_named_as_it_is_now(client, project):
    """The project keeps the commune of its registration and says what it is called today."""
    province, old_ward, _chon_thanh = f.units()
    dong_nai = AdministrativeUnit.objects.create(code="75", level="province", name_vi="Đồng Nai",
                                                 name_en="Dong Nai province", valid_from=date(2025, 7, 1))
    new_ward = AdministrativeUnit.objects.create(code="75001", level="commune", name_vi="Phường Đồng Xoài",
                                                 name_en="Dong Xoai ward", parent=dong_nai,
                                                 valid_from=date(2025, 7, 1))
    AdministrativeUnit.objects.filter(pk__in=[province.pk, old_ward.pk]).update(valid_to=date(2025, 6, 30))
    old_ward.successors.add(new_ward)
    html = client.get(reverse("projects:project", args=[project.pk])).content.decode()
    location = html[html.index("Location</dt>"):]
    assert location.startswith("Location</dt><dd>Tan Phu ward, Dong Xoai, Binh Phuoc"), location[:300]
    assert "(now Dong Xoai ward, Dong Nai province)" in location[:300]


def test_the_dashboard_table_links_each_project_to_its_page(client, project):
    from tests.factories_projects import dashboard_url

    url = reverse("projects:project", args=[project.pk])
    page = client.get(dashboard_url("en", period="year", year=project.registered_on.year)).content.decode()
    assert f'<a href="{url}">Minh Long garment factory</a>' in page
    assert client.get(url).status_code == 200
