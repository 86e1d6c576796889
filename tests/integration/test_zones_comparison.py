"""The comparison: up to four zones or plots side by side, the same figures on the page, in the XLSX and in
the PDF, shareable by its link, judged for the visitor's own project, in both languages."""

import io
import re
import zlib
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import zone_index
from tests.factories_licensing import load_catalogue
from tests.factories_shortlist import comparable_zones
from tests.factories_zones import make_zone, vi_locale
from zones import comparison
from zones.figures import Source

pytestmark = pytest.mark.django_db

COMPARE = reverse("zones:compare")
PROFILE = {"submitted": "1", "capital_usd": "20000000", "land_area_m2": "50000", "foreign_ownership_pct": "100",
           "zone_kind": "industrial_park", "employees": "300"}


@pytest.fixture
def zones(home_page):
    return comparable_zones(home_page)


def compare(client, *keys, path=COMPARE):
    return client.get(path, {"items": list(keys)})


def row_cells(html: str, label: str) -> list[str]:
    """The cells' text of the row headed ``label`` on the comparison page."""
    row = html.split(f'<th scope="row">{label}</th>')[1].split("</tr>")[0]
    return [re.sub(r"<[^>]+>", "", cell).replace("★", "").replace("(best)", "").strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_one_to_four_items_side_by_side(client, zones, count):
    keys = ["alpha-park", "bravo-park:P1", "charlie-park", "delta-park:P3"][:count]
    response = compare(client, *keys)
    assert response.status_code == 200
    assert [column.key for column in response.context["comparison"].columns] == keys
    assert len(row_cells(response.text, "Power supply (MVA)")) == count
    assert response.text.count('<th scope="col">') == count


def test_a_fifth_item_is_refused_with_a_message(client, zones):
    response = compare(client, "alpha-park", "bravo-park", "charlie-park", "delta-park", "alpha-park:P1")
    assert len(response.context["comparison"].columns) == 4
    assert "At most 4 can be compared side by side; left out: alpha-park:P1." in response.text


def test_unknown_items_are_left_out_with_a_message(client, zones):
    response = compare(client, "alpha-park", "nowhere", "bravo-park:NOPE")
    assert response.status_code == 200 and len(response.context["comparison"].columns) == 1
    assert "2 items are no longer published and were left out: nowhere, bravo-park:NOPE." in response.text
    assert compare(client, "nowhere").status_code == 200


def test_the_figures_and_the_best_of_each_row(client, zones):
    html = compare(client, "alpha-park", "bravo-park", "delta-park:P1").text
    assert row_cells(html, "Power supply (MVA)") == ["112", "40", "25"]
    assert row_cells(html, "Land price (USD/m²)") == ["45–55", "60–70", "70"]
    assert row_cells(html, "Cat Lai port: road distance (km)") == ["106.5", "95", "80"]
    assert row_cells(html, "Cat Lai port: travel time (minutes)") == ["130", "110", "95"]
    assert row_cells(html, "Lease term left (years)")[0].startswith("40 (until")
    power = html.split('<th scope="row">Power supply (MVA)</th>')[1].split("</tr>")[0]
    assert power.index('class="best"') < power.index("112")  # the most power is the best
    # The plot's rent is its area times its price; a zone's needs the project's land need.
    plot = zones["delta-park"].all_plots().get(code="P1")
    rent = f"{round(Decimal(str(plot.area_m2)) * 70):,}"
    ask = "depends on your land need (describe your project above)"
    assert row_cells(html, "Land rent for the plot, or for your land need in a zone (USD)") == [ask, ask, rent]


def test_without_a_profile_the_project_sections_ask_for_one(client, zones):
    load_catalogue()
    html = compare(client, "alpha-park", "bravo-park").text
    profile_link = f'href="{reverse("zones:profile")}?next='
    for heading in ("Incentives for your project", "Licensing time and fees for your project"):
        section = html.split(heading)[1].split("</tbody>")[0]
        assert "Describe your project" in section and profile_link in section


def test_the_licensing_and_land_sections_for_the_kept_profile(client, zones):
    load_catalogue()
    client.get(reverse("zones:profile"))
    client.post(reverse("zones:profile"), {k: v for k, v in PROFILE.items() if k != "submitted"})
    html = compare(client, "alpha-park", "bravo-park").text
    assert "Licensing time and fees for your project" in html
    days = row_cells(html, "Time to complete them (working days)")
    assert len(days) == 2 and all(re.fullmatch(r"\d+(–\d+)?", day) for day in days)
    assert row_cells(html, "Procedures that apply (number)")[0] != "not yet given"
    # 5 ha at the zone's lowest price.
    assert row_cells(html, "Land rent for the plot, or for your land need in a zone (USD)") == [
        "2,250,000", "3,000,000"]


def test_the_licensing_section_is_registered_by_licensing():
    keys = [key for key, _provider in comparison.registered()]
    assert keys[:5] == ["land", "lease", "infrastructure", "distances", "incentives"] and "licensing" in keys


def test_a_registered_section_appears_in_its_place(client, zones):
    def totals(columns, profile, request):
        return comparison.Section("total", "Total cost", [comparison.Row(
            "Ten years (USD)",
            [comparison.Cell("1", Decimal("1"), sources=[Source("EVN tariff 2025")]) for _c in columns])])

    comparison.register_section("total", totals, 15)
    try:
        html = compare(client, "alpha-park").text
    finally:
        comparison._registry.pop("total")
    assert html.index("Land and price") < html.index("Total cost") < html.index("Lease term")
    assert re.search(r"<summary>Source.*?</summary>\s*<p>EVN tariff 2025</p>", html, re.S)


def test_the_xlsx_has_the_same_numbers_as_the_page(client, zones):
    keys = ("alpha-park", "bravo-park:P2", "delta-park")
    page = compare(client, *keys).context["comparison"]
    response = client.get(reverse("zones:compare_export", args=["xlsx"]), {"items": list(keys)})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert re.fullmatch(r'attachment; filename="comparison-\d{4}-\d\d-\d\d-alpha-park-bravo-park-p2-delta-park'
                        r'\.xlsx"', response["Content-Disposition"])
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert rows["Figure"] == ("Alpha Park", "Plot P2, Bravo Park", "Delta Park")
    assert rows["Power supply (MVA)"] == (112, 40, 25)
    assert rows["Cat Lai port: road distance (km)"] == (106.5, 95, 80)
    for section in page.sections:
        for row in section.rows:
            expected = tuple(float(c.value) if c.value is not None else c.text for c in row.cells)
            assert tuple(rows[row.label]) == expected, row.label
    assert isinstance(rows["Plot area, or land still available in a zone (ha)"][1], int | float)


def pdf_text(content: bytes) -> str:
    """The text drawn in a PDF made by fpdf2: its strings decoded through each font's ToUnicode map."""
    streams = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            streams.append(zlib.decompress(raw))
        except zlib.error:
            streams.append(raw)
    maps = [{int(glyph, 16): chr(int(char, 16)) for glyph, char in re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]{4})>", s)}
            for s in streams if b"beginbfchar" in s]
    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
    texts = []
    for stream in streams:
        for literal in re.findall(rb"\(((?:\\.|[^\\)])*)\) Tj", stream, re.S):
            data = re.sub(rb"\\([0-7]{1,3}|.)", lambda m: bytes([int(m.group(1), 8)]) if m.group(1).isdigit()
                          else escapes.get(m.group(1), m.group(1)), literal, flags=re.S)
            glyphs = [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data) - 1, 2)]
            texts += ["".join(cmap.get(g, "") for g in glyphs) for cmap in maps]
    return " ".join(texts)


def test_the_pdf_is_a_landscape_table_that_renders_vietnamese(client, zones):
    vi_zone = zones["alpha-park"].copy_for_translation(vi_locale(), copy_parents=True)
    vi_zone.title = "Khu công nghiệp Alpha Đồng Xoài"
    vi_zone.save_revision().publish()
    response = client.get("/vi/zones-api/compare/export.pdf", {"items": ["alpha-park", "bravo-park"]})
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].endswith('.pdf"')
    text = pdf_text(response.content)
    assert "Khu công nghiệp Alpha Đồng Xoài" in text and "Bravo Park" in text
    assert "Cảng Cát Lái" in text and "112" in text
    assert b"/MediaBox [0 0 841.89 595.28]" in response.content  # A4 landscape


def test_a_shared_link_shows_the_comparison_to_anyone_with_their_own_profile(client, zones, django_user_model):
    sender = compare(client, "alpha-park", "charlie-park:P2")
    share = sender.context["share_url"]
    assert share.startswith("http://testserver/en/zones-api/compare/?items=alpha-park&items=charlie-park%3AP2")
    assert f'value="{share.replace("&", "&amp;")}"' in sender.text
    from django.test import Client

    receiver = Client()
    response = receiver.get(share)
    assert [c.key for c in response.context["comparison"].columns] == ["alpha-park", "charlie-park:P2"]
    assert response.context["comparison"].profile_words == []


def test_the_comparison_speaks_vietnamese(client, zones):
    html = client.get("/vi/zones-api/compare/", {"items": ["alpha-park", "bravo-park"]}).text
    assert "So sánh khu và lô đất" in html and "Cấp điện (MVA)" in html and "112" in html
    assert "Tải về (XLSX)" in html


def test_hostile_names_are_escaped_on_the_page_and_in_exports(client, home_page):
    make_zone(zone_index(home_page), "hostile", '<script>alert("z")</script>', telecom="<b>fibre</b>")
    make_zone(zone_index(home_page), "formula", '=HYPERLINK("https://evil.example","x")', telecom="=1+1")
    html = compare(client, "hostile", "formula").text
    assert "<script>alert" not in html and "<b>fibre</b>" not in html
    assert "&lt;script&gt;alert(&quot;z&quot;)&lt;/script&gt;" in html and "&lt;b&gt;fibre&lt;/b&gt;" in html
    response = client.get(reverse("zones:compare_export", args=["xlsx"]), {"items": ["hostile", "formula"]})
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = {cell.value: cell.data_type for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert cells['=HYPERLINK("https://evil.example","x")'] == "s" and cells["=1+1"] == "s"
    assert not any(kind == "f" for kind in cells.values())


def test_the_page_is_accessible_and_printable(client, zones):
    html = compare(client, "alpha-park", "bravo-park").text
    assert 'role="region"' in html and 'aria-labelledby="compare-caption"' in html and 'tabindex="0"' in html
    assert '<th scope="colgroup"' in html and 'media="print"' in html
