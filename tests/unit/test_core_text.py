"""Folding and highlighting shared by the backends."""

from core.text import fold, highlight, tokens


def test_fold_strips_vietnamese_diacritics_and_d_bar_keeping_length():
    assert fold("Đồng Xoài, BÌNH PHƯỚC, đường") == "dong xoai, binh phuoc, duong"
    assert len(fold("Khu công nghiệp Minh Hưng – Hàn Quốc")) == len("Khu công nghiệp Minh Hưng – Hàn Quốc")


def test_tokens_keep_letters_and_digits_only():
    assert tokens('Quốc lộ 14; <b>"OR"') == ["quoc", "lo", "14", "b", "or"]


def test_highlight_marks_the_original_words_and_escapes_the_rest():
    html = str(highlight("<i>Khu</i> công nghiệp Đồng Xoài", tokens("dong xoai")))
    assert html == "&lt;i&gt;Khu&lt;/i&gt; công nghiệp <mark>Đồng</mark> <mark>Xoài</mark>"


def test_highlight_cuts_a_window_around_the_first_match():
    text = "word " * 100 + "Chơn Thành" + " tail" * 100
    html = str(highlight(text, ["chon"], width=60))
    assert html.startswith("… ") and html.endswith(" …") and "<mark>Chơn</mark>" in html
