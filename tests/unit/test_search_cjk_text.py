"""Tokenising Korean, Japanese and Chinese: a CJK run is one query word, indexed and matched as its bigrams."""

import pytest

from core.text import cjk_bigrams, fold, has_cjk, highlight, highlight_first, is_cjk, terms, tokens, word_terms, words
from search.analysis import Dictionary, SynonymEntry, expand, phrase_of
from search.spelling import Vocabulary, suggest


@pytest.mark.parametrize(("run", "bigrams"), [
    ("산업단지", ["산업", "업단", "단지"]),
    ("明兴三工业园", ["明兴", "兴三", "三工", "工业", "业园"]),
    ("工業団地", ["工業", "業団", "団地"]),
    ("ミンフン", ["ミン", "ンフ", "フン"]),
    ("园", ["园"]),
    ("", []),
])
def test_a_run_becomes_overlapping_bigrams_and_a_lone_character_itself(run, bigrams):
    assert cjk_bigrams(run) == bigrams


def test_terms_of_hangul_kana_and_han_are_bigrams_in_order():
    assert terms("민흥 III 산업단지") == "민흥 iii 산업 업단 단지"
    assert terms("ミンフン第3工業団地") == "ミン ンフ フン ン第 3 工業 業団 団地"
    assert terms("明興三工業園") == "明興 興三 三工 工業 業園"
    assert terms("明兴三工业园 园") == "明兴 兴三 三工 工业 业园 园"


def test_mixed_vietnamese_and_korean_keeps_latin_words_folded_and_stemmed():
    assert words("Minh Hưng III 산업단지") == ["minh", "hung", "iii", "산업단지"]
    assert terms("Minh Hưng III 산업단지 factories") == "minh hung iii 산업 업단 단지 factori"
    assert terms("KCN明兴III산업") == "kcn 明兴 iii 산업"  # scripts meeting without a space are two words


def test_latin_and_vietnamese_tokenising_is_unchanged():
    assert tokens('Quốc lộ 14; <b>"OR"') == ["quoc", "lo", "14", "b", "or"]
    assert terms("Manufacture of Electronic Components") == "manufactur of electron compon"
    assert terms("Khu công nghiệp Đồng Xoài") == "khu cong nghiep dong xoai"


def test_a_query_keeps_a_run_as_one_word_matched_as_the_phrase_of_its_bigrams():
    assert tokens("민흥 산업단지") == ["민흥", "산업단지"]
    assert [word_terms(word) for word in tokens("산업단지 parks")] == [["산업", "업단", "단지"], ["park"]]
    assert is_cjk("산업단지") and is_cjk("ミンフーン")  # the prolonged sound mark belongs to words
    assert not is_cjk("minh") and not is_cjk("산업 단지") and not is_cjk("")
    assert has_cjk("Minh Hưng 산업") and not has_cjk("Minh Hưng")


def test_full_width_latin_and_half_width_katakana_fold_to_their_usual_forms_keeping_length():
    assert fold("ＫＣＮ　ﾐﾝﾌﾝ") == "kcn　ミンフン"
    assert len(fold("ＫＣＮ　ﾐﾝﾌﾝ")) == len("ＫＣＮ　ﾐﾝﾌﾝ")
    assert tokens("ＫＣＮ１４") == ["kcn14"]


def test_synonyms_in_cjk_are_found_by_the_run_typed():
    dictionary = Dictionary.build([SynonymEntry((phrase_of("工业园"), phrase_of("industrial park")))])
    expansion = expand("明兴 工业园", dictionary)
    assert expansion.groups == ((("明兴",),), (("工业园",), ("industrial", "park")))


def test_highlight_marks_cjk_terms_inside_longer_runs():
    html = str(highlight("민흥 III 산업단지 <b>", {"단지", "iii"}))
    assert html == "민흥 <mark>III</mark> 산업<mark>단지</mark> &lt;b&gt;"
    assert str(highlight("明兴三工业园", {"工业", "业园"})) == "明兴三<mark>工业园</mark>"
    assert str(highlight_first(["明兴三", "明兴三工业园"], {"工业"})) == "明兴三<mark>工业</mark>园"


def test_the_excerpt_is_of_the_first_text_with_a_mark_else_of_the_last_one():
    summary, body = "Minh Hung III, Chon Thanh", "A park for <b>electronics</b> and garments"
    assert str(highlight_first([summary, body], {"electron"})) == (
        "A park for &lt;b&gt;<mark>electronics</mark>&lt;/b&gt; and garments")
    assert str(highlight_first([summary, body], {"chon"})) == "Minh Hung III, <mark>Chon</mark> Thanh"
    assert str(highlight_first([summary, body], {"port"})) == "A park for &lt;b&gt;electronics&lt;/b&gt; and garments"
    assert str(highlight_first([summary, ""], {"port"})) == summary
    assert str(highlight_first(["", None], {"port"})) == ""


def test_did_you_mean_keeps_cjk_words_as_typed_and_corrects_the_latin_ones():
    vocabulary = Vocabulary.build(["Minh Hung Industrial Park", "민흥 산업단지"])
    assert suggest("민흥 industriall", vocabulary) == "민흥 industrial"
    assert suggest("민흥산업", vocabulary) == ""
