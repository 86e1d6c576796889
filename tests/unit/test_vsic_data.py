"""The VSIC 2018 data file: a well-formed five-level tree with names in both languages and search keywords."""

import json
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "zones" / "data" / "vsic2018.json"
LEVELS = ["section", "division", "group", "class", "subclass"]
SECTIONS = {
    "A": (1, 3), "B": (5, 9), "C": (10, 33), "D": (35, 35), "E": (36, 39), "F": (41, 43), "G": (45, 47),
    "H": (49, 53), "I": (55, 56), "J": (58, 63), "K": (64, 66), "L": (68, 68), "M": (69, 75), "N": (77, 82),
    "O": (84, 84), "P": (85, 85), "Q": (86, 88), "R": (90, 93), "S": (94, 96), "T": (97, 98), "U": (99, 99),
}


@pytest.fixture(scope="module")
def data():
    return json.loads(DATA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rows(data):
    return {row["code"]: row for row in data["rows"]}


def test_header_names_the_decision(data):
    assert data["decision"] == "27/2018/QĐ-TTg"
    assert data["source"] and data["notes"]


def test_codes_are_unique(data):
    duplicates = [code for code, n in Counter(row["code"] for row in data["rows"]).items() if n > 1]
    assert duplicates == []


def test_every_parent_comes_earlier_and_is_one_level_up(data):
    seen = {}
    for row in data["rows"]:
        assert row["level"] in LEVELS, row
        if row["level"] == "section":
            assert row["parent"] is None
            assert len(row["code"]) == 1 and row["code"].isupper() and row["code"].isalpha()
        else:
            parent = seen.get(row["parent"])
            assert parent is not None, f"{row['code']}: parent {row['parent']} missing or later in the file"
            assert LEVELS.index(row["level"]) == LEVELS.index(parent["level"]) + 1, row["code"]
            assert row["code"].isdigit() and len(row["code"]) == LEVELS.index(row["level"]) + 1, row["code"]
        seen[row["code"]] = row


def test_level_counts(data):
    counts = Counter(row["level"] for row in data["rows"])
    assert counts["section"] == 21
    assert counts["division"] == 88
    assert counts["group"] == 242
    assert counts["class"] >= 419  # at least one class for each ISIC Rev.4 class
    assert counts["subclass"] >= counts["class"]


def test_codes_sit_under_their_prefix(data):
    for row in data["rows"]:
        if row["level"] in ("group", "class", "subclass"):
            assert row["parent"] == row["code"][:-1], row["code"]


def test_divisions_sit_under_the_right_section(data):
    for row in data["rows"]:
        if row["level"] == "division":
            low, high = SECTIONS[row["parent"]]
            assert low <= int(row["code"]) <= high, row["code"]


def test_every_class_has_a_subclass(data):
    with_children = {row["parent"] for row in data["rows"] if row["level"] == "subclass"}
    classes = {row["code"] for row in data["rows"] if row["level"] == "class"}
    assert classes - with_children == set()


def test_names_and_keywords_are_well_formed(data):
    for row in data["rows"]:
        for field in ("name_en", "name_vi"):
            name = row[field]
            assert isinstance(name, str) and name.strip() == name and name, (row["code"], field)
            assert "<" not in name and ">" not in name and "&" not in name, (row["code"], field)
        assert row["name_en"][0].isupper() and row["name_vi"][0].isupper(), row["code"]
        for field in ("keywords_en", "keywords_vi"):
            words = row[field]
            assert isinstance(words, list) and all(isinstance(w, str) and w.strip() for w in words), row["code"]
            assert len(set(words)) == len(words), row["code"]
        assert isinstance(row["checked"], bool)
        assert row["source"]


def test_single_subclass_repeats_its_class(rows):
    assert rows["26100"]["parent"] == "2610"
    assert rows["26100"]["name_vi"] == rows["2610"]["name_vi"]


def test_spot_checks(rows):
    assert "semiconductor" in rows["2610"]["keywords_en"]
    assert "garment" in rows["1410"]["keywords_en"]
    solar = rows["35116"]
    assert solar["level"] == "subclass" and solar["parent"] == "3511"
    assert "solar" in solar["name_en"].lower() and "mặt trời" in solar["name_vi"]
    assert rows["35115"]["name_vi"] == "Điện gió"
    assert rows["C"]["name_en"] == "Manufacturing"
    assert "logistics" in rows["5210"]["keywords_en"]
    assert "data centre" in rows["6311"]["keywords_en"]
