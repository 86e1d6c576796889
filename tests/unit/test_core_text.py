"""Folding and highlighting shared by the backends."""

from core.text import fold, highlight, stem, terms, tokens


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


def test_stem_joins_english_forms():
    assert stem("electronics") == stem("electronic") == "electron"
    assert stem("factories") == stem("factory")
    assert stem("incentives") == stem("incentive")
    assert terms("Manufacture of Electronic Components") == "manufactur of electron compon"


def _folded_syllables():
    """Every onset + vowel + final combination of Vietnamese spelling, folded (a superset of real syllables)."""
    onsets = ["", "b", "c", "ch", "d", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph",
              "qu", "r", "s", "t", "th", "tr", "v", "x"]
    vowels = ["a", "e", "i", "o", "u", "y", "ia", "ie", "ua", "uo", "ue", "uy", "oa", "oe", "ye", "ya", "uye", "oo",
              "ao", "ai", "au", "ay", "eo", "eu", "iu", "oi", "ui", "ieu", "uoi", "oai", "oay", "uay", "oeo"]
    finals = ["", "n", "ng", "nh", "m", "p", "t", "c", "ch"]
    return {onset + vowel + final for onset in onsets for vowel in vowels for final in finals}


def test_stemming_leaves_vietnamese_syllables_unchanged():
    """Porter2 rewrites English endings; the combinations it would change are not Vietnamese syllables (an
    "-ing": Vietnamese writes "-inh"; "yê" without a final; "thy", "try": Vietnamese writes "thi", "tri"),
    so every token can be stemmed whatever its language."""
    changed = {syllable for syllable in _folded_syllables() if stem(syllable) != syllable}
    not_vietnamese = {s for s in changed if s.endswith(("ing", "ye")) or (s.endswith("y") and len(s) > 2 and
                                                                          s[-2] not in "aeiouy")}
    assert changed == not_vietnamese, sorted(changed - not_vietnamese)
    real = "nguyễn khuyến thủy lý mỹ kỹ quý tuy huyện đồng xoài chơn thành nghiệp điện tử thuế đất phước"
    assert terms(real) == fold(real)


def test_highlight_marks_other_forms_of_a_stemmed_word():
    html = str(highlight("Electronics and electronic parts", {"electron"}))
    assert html == "<mark>Electronics</mark> and <mark>electronic</mark> parts"
    assert "<mark>" not in str(highlight("tuyển dụng", {"tu"}))  # a whole word, never the start of another
