"""The contract in Korean, Japanese and Chinese, for every backend (see conftest.BACKENDS): a name, or a part of it of
two characters, finds its document in its language; mixed Vietnamese and Korean text is found by either part."""

import pytest

from search.backends.base import IndexDocument, SearchQuery

CJK_DOCS = [
    IndexDocument("zone", "1", "ko", "민흥 III 산업단지", url="/ko/zones/minh-hung-iii/",
                  summary="Minh Hưng III 산업단지: 빈프억성 쩐탄 지역의 산업단지.", body="국도 13호선 인근."),
    IndexDocument("zone", "2", "ko", "동쏘아이 산업단지", url="/ko/zones/dong-xoai/", summary="빈프억성의 산업단지."),
    IndexDocument("zone", "1", "ja", "ミンフン第3工業団地", url="/ja/zones/minh-hung-iii/",
                  summary="ビンフォック省チョンタインの工業団地。"),
    IndexDocument("zone", "1", "zh-hans", "明兴三工业园", url="/zh-hans/zones/minh-hung-iii/",
                  summary="平福省诚城的工业园。"),
    IndexDocument("zone", "1", "zh-hant", "明興三工業園", url="/zh-hant/zones/minh-hung-iii/",
                  summary="平福省誠城的工業園。"),
    IndexDocument("zone", "1", "en", "Minh Hung III Industrial Park", url="/en/zones/minh-hung-iii/"),
]


@pytest.fixture
def loaded(backend):
    backend.bulk(CJK_DOCS)
    backend.refresh()
    return backend


def found(backend, text, locale):
    return [(hit.object_id, hit.locale) for hit in backend.search(SearchQuery(text=text, locale=locale)).hits]


class TestCjkSearchContract:
    """Every backend: CJK names and their parts, in the language of the search, mixed with Latin words."""

    @pytest.mark.parametrize(("locale", "name", "part"), [
        ("ko", "민흥 III 산업단지", "민흥"), ("ja", "ミンフン第3工業団地", "ミンフン"),
        ("zh-hans", "明兴三工业园", "明兴"), ("zh-hant", "明興三工業園", "明興")])
    def test_a_name_and_a_part_of_it_find_the_document_in_its_language(self, loaded, locale, name, part):
        assert found(loaded, name, locale) == [("1", locale)]
        assert found(loaded, part, locale) == [("1", locale)]

    def test_a_shared_word_finds_every_document_holding_it_and_the_name_ranks_first(self, loaded):
        assert sorted(found(loaded, "산업단지", "ko")) == [("1", "ko"), ("2", "ko")]
        assert found(loaded, "민흥 산업단지", "ko")[0] == ("1", "ko")

    def test_mixed_vietnamese_and_korean_text_is_found_by_either_part(self, loaded):
        assert found(loaded, "Minh Hưng III 산업단지", "ko") == [("1", "ko")]
        assert found(loaded, "minh hung", "ko") == [("1", "ko")]
        assert found(loaded, "minh hung 산업", "ko") == [("1", "ko")]

    def test_a_search_in_one_language_does_not_find_the_others(self, loaded):
        assert found(loaded, "工业园", "zh-hant") == []
        assert found(loaded, "工业园", "zh-hans") == [("1", "zh-hans")]
        assert found(loaded, "산업단지", "ja") == []

    def test_snippets_mark_the_cjk_words_found(self, loaded):
        [hit] = loaded.search(SearchQuery(text="쩐탄", locale="ko")).hits
        assert "<mark>쩐탄</mark>" in str(hit.snippet)
