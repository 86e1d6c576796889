"""The comparison PDF draws Korean, Japanese and Chinese text through the vendored Noto Sans CJK, in the glyph
forms of the reader's language, and leaves the CJK font out of documents that do not need it."""

import re
import subprocess
from types import SimpleNamespace

import pytest
from django.utils import translation

from zones.comparison import Cell, Column, Comparison, Row, Section
from zones.comparison_export import pdf
from zones.shortlist import Item

LINES = {"ko": "한국 투자자를 위한 산업단지", "ja": "日本の投資家向けの工業団地です", "zh": "面向中国投资者的工业园区",
         "zh-hant": "臺灣投資者的工業區"}


def comparison(*texts: str) -> Comparison:
    zone = SimpleNamespace(title="Khu công nghiệp Quán Ngang")
    section = Section(key="notes", heading="Ghi chú", rows=[Row(label=text, cells=[Cell(text=text)]) for text in texts])
    return Comparison(columns=[Column(item=Item(key="zone:quan-ngang", zone=zone))], sections=[section])


def text_of(content: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return re.sub(r"\s+", " ", result.stdout.decode())


@pytest.mark.parametrize("language", ["en", "vi", "ko", "ja", "zh-hans", "zh-hant"])
def test_korean_japanese_and_chinese_lines_come_back_from_the_pdf(language):
    with translation.override(language):
        content = pdf(comparison(*LINES.values()))
    text = text_of(content)
    for line in LINES.values():
        assert line in text
    assert "Khu công nghiệp Quán Ngang" in text


@pytest.mark.parametrize("language,face", [("ko", b"NotoSansCJKKR"), ("ja", b"NotoSansCJKJP"),
                                           ("zh-hans", b"NotoSansCJKSC"), ("zh-hant", b"NotoSansCJKTC"),
                                           ("vi", b"NotoSansCJKSC")])
def test_the_cjk_face_follows_the_language(language, face):
    with translation.override(language):
        content = pdf(comparison(LINES["zh"]))
    assert face in content
    assert len(content) < 200_000  # the CJK font is subset to the characters drawn, not embedded whole


def test_a_document_without_cjk_characters_does_not_embed_the_cjk_font():
    with translation.override("vi"):
        content = pdf(comparison("Đất công nghiệp còn trống"))
    assert b"NotoSansCJK" not in content
    assert "Đất công nghiệp còn trống" in text_of(content)
