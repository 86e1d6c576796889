"""maps.crs: the coordinate systems offered to editors are labelled as the EPSG database names them."""

from pyproj import CRS

from maps.crs import KNOWN_CRS, VN2000_CODES, crs_choices


def test_every_label_is_the_epsg_name_of_its_code():
    for code, label in KNOWN_CRS.items():
        name = CRS.from_epsg(code).name
        expected = {4326: "WGS 84", 4756: "VN-2000"}.get(code, name)
        assert label.split(" (")[0] == expected, (code, label, name)


def test_the_choices_offer_every_vn2000_code_the_issue_names():
    codes = {int(value) for value, _label in crs_choices() if value}
    assert {4756, 3405, 3406, *range(9205, 9219), *range(5896, 5900)} == set(VN2000_CODES) <= codes
    assert "EPSG:9212 — VN-2000 / TM-3 106-15 (former Binh Phuoc province)" in dict(crs_choices()).values()
