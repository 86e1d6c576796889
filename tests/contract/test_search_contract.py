"""One contract, written once, that every search backend must honour (see conftest.BACKENDS)."""

from decimal import Decimal

import pytest
from django.conf import settings

from search import services
from search.backends.base import IndexDocument, SearchQuery
from tests import factories_search as f

# The whole contract runs again on the embedded default (SQLite's FTS5 dialect) in CI's second pass.
pytestmark = pytest.mark.smoke

DOCS = [
    IndexDocument("zone", "1", "vi", "Khu công nghiệp Đồng Xoài I", url="/vi/zones/dong-xoai-i/",
                  summary="Khu công nghiệp tại thành phố Đồng Xoài, tỉnh Bình Phước.",
                  body="Đất sạch, hạ tầng hoàn chỉnh, gần Quốc lộ 14.", kind="industrial_park", status="operating",
                  province="Bình Phước", commune="Tân Phú", sector="Chế biến", available_land_ha=Decimal("60"),
                  land_price_usd=Decimal("55"), lon=106.92, lat=11.55,
                  tags=("commune:7", "sector:C10", "sector-in:C", "sector-in:C1", "sector-in:C10"),
                  distances={"cat-lai": 110.0, "tsn-airport": 105.5}),
    IndexDocument("zone", "2", "en", "Dong Xoai II Industrial Park", url="/en/zones/dong-xoai-ii/",
                  summary="An industrial park in Dong Xoai city, Binh Phuoc province.",
                  body="Serviced land near National Road 14.", kind="industrial_park", status="operating",
                  province="Binh Phuoc", commune="Tan Phu", available_land_ha=Decimal("120"),
                  land_price_usd=Decimal("48"), lon=106.95, lat=11.56, tags=("commune:7", "commune:8"),
                  distances={"cat-lai": 98.0}),
    IndexDocument("zone", "3", "en", "Hoa Lu Border-Gate Economic Zone", url="/en/zones/hoa-lu/",
                  summary="Border-gate economic zone on the Cambodian border.", body="Loc Ninh district.",
                  kind="border_gate_economic_zone", status="planned", province="Binh Phuoc",
                  commune="Loc Thanh", available_land_ha=Decimal("900"), land_price_usd=Decimal("30"),
                  lon=106.58, lat=11.92),
    IndexDocument("policy", "4", "en", "Corporate income tax exemption", url="/en/incentives/cit/",
                  summary="Four years of exemption for projects in Binh Phuoc industrial parks.",
                  body="Decree 31/2021 <script>alert(1)</script> applies."),
    IndexDocument("procedure", "5", "vi", "Cấp Giấy chứng nhận đăng ký đầu tư", url="/vi/licensing/1.009645/",
                  summary="Ban Quản lý các khu công nghiệp", body="15 ngày làm việc", kind="province"),
    IndexDocument("procedure", "5", "en", "Issuing the investment registration certificate",
                  url="/en/licensing/1.009645/", summary="Industrial Parks Management Board",
                  body="15 working days", kind="province"),
    IndexDocument("project", "6", "en", "Minh Long garment factory", url="", summary="Manufacturing",
                  body="Korean investor in Dong Xoai", kind="fdi", status="operating", province="Binh Phuoc",
                  sector="Manufacturing", capital_usd=Decimal("25000000"), lon=106.9, lat=11.53),
]


@pytest.fixture
def loaded(backend):
    backend.bulk(DOCS)
    backend.refresh()
    return backend


def ids(results):
    return [(hit.doc_type, hit.object_id) for hit in results.hits]


class TestSearchBackendContract:
    """Every backend: full text, folding, facets, ranges, geography, sorting, pages, autocomplete, writes."""

    def test_text_without_diacritics_finds_vietnamese(self, loaded):
        results = loaded.search(SearchQuery(text="dong xoai", locale="vi"))
        assert ids(results) == [("zone", "1")]
        results = loaded.search(SearchQuery(text="binh phuoc"))
        assert {"1", "2", "4"} <= {hit.object_id for hit in results.hits}

    def test_text_with_diacritics_finds_folded_text(self, loaded):
        results = loaded.search(SearchQuery(text="Đồng Xoài", locale="en"))
        assert {hit.object_id for hit in results.hits} == {"2", "6"}

    def test_all_words_must_match_and_title_ranks_first(self, loaded):
        assert loaded.search(SearchQuery(text="dong xoai cambodia")).total == 0
        results = loaded.search(SearchQuery(text="dong xoai", locale="en"))
        assert ids(results)[0] == ("zone", "2")  # in the title beats in the body

    def test_facets_count_under_the_current_filters(self, loaded):
        results = loaded.search(SearchQuery(text="", locale="en"))
        assert dict(results.facets["type"]) == {"zone": 2, "policy": 1, "procedure": 1, "project": 1}
        assert dict(results.facets["kind"])["industrial_park"] == 1
        narrowed = loaded.search(SearchQuery(locale="en", filters={"type": ("zone",)}))
        assert narrowed.total == 2
        assert dict(narrowed.facets["status"]) == {"operating": 1, "planned": 1}
        assert dict(narrowed.facets["province"]) == {"Binh Phuoc": 2}

    def test_filters_combine(self, loaded):
        results = loaded.search(SearchQuery(filters={"type": ("zone",), "status": ("operating",)}))
        assert {hit.object_id for hit in results.hits} == {"1", "2"}
        results = loaded.search(SearchQuery(filters={"kind": ("industrial_park", "border_gate_economic_zone")}))
        assert results.total == 3

    def test_ranges(self, loaded):
        land = loaded.search(SearchQuery(ranges={"available_land_ha": (Decimal("100"), None)}))
        assert {hit.object_id: hit.available_land_ha for hit in land.hits} == {"2": Decimal("120"), "3": Decimal("900")}
        price = loaded.search(SearchQuery(ranges={"land_price_usd": (None, Decimal("50"))}))
        assert {hit.object_id for hit in price.hits} == {"2", "3"}
        capital = loaded.search(SearchQuery(ranges={"capital_usd": (Decimal("1000000"), Decimal("50000000"))}))
        assert ids(capital) == [("project", "6")]

    def test_tags_any_of_a_group_every_group(self, loaded):
        either = loaded.search(SearchQuery(tags=(("commune:8", "sector:C10"),)))
        assert {hit.object_id for hit in either.hits} == {"1", "2"}
        both = loaded.search(SearchQuery(tags=(("commune:7",), ("sector-in:C1",))))
        assert ids(both) == [("zone", "1")]
        assert loaded.search(SearchQuery(tags=(("commune:9",),))).total == 0

    def test_road_distance_to_a_named_place(self, loaded):
        within = loaded.search(SearchQuery(max_distances={"cat-lai": 100}))
        assert ids(within) == [("zone", "2")]
        assert loaded.search(SearchQuery(max_distances={"cat-lai": 110})).total == 2
        assert ids(loaded.search(SearchQuery(max_distances={"tsn-airport": 200}))) == [("zone", "1")]
        assert loaded.search(SearchQuery(max_distances={"cat-lai": 120, "tsn-airport": 100})).total == 0

    def test_radius_and_distance_sort(self, loaded):
        results = loaded.search(SearchQuery(near=(106.92, 11.55), radius_km=10, sort="distance"))
        assert [hit.object_id for hit in results.hits] == ["1", "6", "2"]
        assert results.hits[0].distance_km == pytest.approx(0, abs=0.05)
        assert results.hits[1].distance_km == pytest.approx(3.1, abs=0.2)  # 0.02° west, 0.02° south at 11.5° N
        assert results.hits[2].distance_km == pytest.approx(3.45, abs=0.2)
        assert loaded.search(SearchQuery(near=(106.92, 11.55), radius_km=60)).total == 4

    def test_map_bounds(self, loaded):
        results = loaded.search(SearchQuery(bbox=(106.5, 11.8, 106.7, 12.0)))
        assert ids(results) == [("zone", "3")]

    def test_sort_by_available_land(self, loaded):
        results = loaded.search(SearchQuery(filters={"type": ("zone",)}, sort="available_land"))
        assert [hit.object_id for hit in results.hits] == ["3", "2", "1"]

    def test_text_sorted_by_available_land_and_by_distance(self, loaded):
        by_land = loaded.search(SearchQuery(text="industrial", locale="en", sort="available_land"))
        assert by_land.hits[0].object_id == "2" and {hit.object_id for hit in by_land.hits} == {"2", "4", "5"}
        near = loaded.search(SearchQuery(text="dong xoai", locale="en", near=(106.92, 11.55), sort="distance"))
        assert [hit.object_id for hit in near.hits] == ["6", "2"]

    def test_zones_rank_above_projects_named_after_the_same_place(self, loaded):
        loaded.bulk([IndexDocument("project", str(number), "en", f"Dong Xoai JSC {number}", url=f"/en/p/{number}/",
                                   summary="Dong Xoai ward", body="Dong Xoai") for number in (21, 22, 23)])
        loaded.refresh()
        results = loaded.search(SearchQuery(text="dong xoai", locale="en", facets=()))
        assert [hit.doc_type for hit in results.hits][:1] == ["zone"]
        assert {hit.object_id for hit in results.hits} >= {"2", "21", "22", "23"}

    def test_equally_ranked_hits_in_code_point_order_of_title(self, loaded):
        from django.db import connection

        if connection.vendor == "postgresql" and type(loaded).__module__.endswith("embedded"):
            # Give titles a Vietnamese collation (undone with the test's transaction): the order must not
            # follow the database's collation, which a C-collated test database would hide.
            with connection.cursor() as cursor:
                cursor.execute('ALTER TABLE search_searchdocument ALTER COLUMN title TYPE varchar(255) '
                               'COLLATE "vi-x-icu"')
        loaded.bulk([IndexDocument("policy", str(number), "vi", title, url=f"/vi/incentives/{number}/")
                     for number, title in ((11, "Ưu đãi đất"), (12, "ưu đãi thuế"), (13, "Zeta"), (14, "alpha"))])
        loaded.refresh()
        results = loaded.search(SearchQuery(filters={"type": ("policy",)}, locale="vi", facets=()))
        assert [hit.title for hit in results.hits] == ["Zeta", "alpha", "Ưu đãi đất", "ưu đãi thuế"]

    def test_pages_of_one_hit_follow_the_ranking_of_one_page(self, loaded):
        """Each page holds the hits a single page ranks at its place, across the phrase and every type's band."""
        loaded.bulk([IndexDocument("policy", "41", "en", "Land rent in Dong Xoai", url="/en/incentives/41/",
                                   summary="Xoai Dong"),
                     IndexDocument("project", "42", "en", "Xoai Dong JSC", url="/en/p/42/", summary="Dong Xoai"),
                     IndexDocument("project", "43", "en", "Dong Xoai Xoai Dong", url="/en/p/43/")])
        loaded.refresh()
        whole = loaded.search(SearchQuery(text="dong xoai", locale="en", facets=()))
        pages = [loaded.search(SearchQuery(text="dong xoai", locale="en", facets=(), page=page, page_size=1))
                 for page in range(1, whole.total + 1)]
        assert len({hit.doc_type for hit in whole.hits}) == 3 and whole.total == len(whole.hits) >= 5
        assert [ids(page) for page in pages] == [[hit] for hit in ids(whole)]

    def test_pagination(self, loaded):
        first = loaded.search(SearchQuery(filters={"type": ("zone",)}, sort="available_land", page_size=2))
        second = loaded.search(SearchQuery(filters={"type": ("zone",)}, sort="available_land", page_size=2, page=2))
        assert first.total == second.total == 3 and first.num_pages == 2
        assert [h.object_id for h in first.hits] == ["3", "2"] and [h.object_id for h in second.hits] == ["1"]
        assert first.has_next and not second.has_next

    def test_total_without_facets_and_past_the_last_page(self, loaded):
        results = loaded.search(SearchQuery(filters={"type": ("zone",)}, facets=(), page_size=2))
        assert results.total == 3 and results.facets == {} and len(results.hits) == 2
        beyond = loaded.search(SearchQuery(filters={"type": ("zone",)}, facets=(), page_size=2, page=5))
        assert beyond.total == 3 and beyond.hits == []
        assert loaded.search(SearchQuery(text="zzzz", facets=())).total == 0

    def test_autocomplete_folds_and_completes_the_last_word(self, loaded):
        titles = [s.title for s in loaded.autocomplete("dong xo")]
        assert set(titles) == {"Khu công nghiệp Đồng Xoài I", "Dong Xoai II Industrial Park"}
        assert [s.title for s in loaded.autocomplete("khu cong", locale="vi")] == ["Khu công nghiệp Đồng Xoài I"]
        assert loaded.autocomplete("zzzz") == []

    def test_snippets_are_highlighted_and_escaped(self, loaded):
        results = loaded.search(SearchQuery(text="decree"))
        snippet = str(results.hits[0].snippet)
        assert "<mark>Decree</mark>" in snippet
        assert "<script>" not in snippet and "&lt;script&gt;" in snippet

    def test_replace_and_delete(self, loaded):
        loaded.replace("procedure", "5", [DOCS[5]])  # Vietnamese version withdrawn
        loaded.refresh()
        assert loaded.search(SearchQuery(filters={"type": ("procedure",)})).total == 1
        loaded.delete("procedure", "5")
        loaded.delete("procedure", "does-not-exist")
        loaded.refresh()
        assert loaded.search(SearchQuery(filters={"type": ("procedure",)})).total == 0

    def test_writing_again_is_idempotent(self, loaded):
        loaded.bulk(DOCS)
        loaded.refresh()
        assert loaded.count() == len(DOCS)

    def test_rebuild_replaces_everything(self, loaded):
        assert loaded.rebuild(DOCS[:2]) == 2
        loaded.refresh()
        assert loaded.count() == 2
        assert loaded.search(SearchQuery(text="hoa lu")).total == 0

    def test_ping(self, backend):
        ok, detail = backend.ping()
        assert ok, detail

    def test_confidential_fields_reach_no_index(self, backend, home_page):
        """Plant a secret in every confidential field, index everything, and look for it."""
        _province, commune, _other = f.units()
        f.zone(home_page, "Dong Xoai I Industrial Park", "dong-xoai-i", 106.92, 11.55, commune=commune)
        f.procedure("Cấp Giấy chứng nhận đăng ký đầu tư", "Issuing the investment registration certificate")
        project = f.project("Nhà máy Minh Long", "Minh Long factory", commune=commune)
        application = f.application(project)
        assert services.rebuild_index() > 0
        backend.refresh()
        for text in (f.SECRET, "secret-contact", application.tracking_token, application.dossier_code):
            results = backend.search(SearchQuery(text=text))
            assert results.total == 0, text
        found = backend.search(SearchQuery(text="minh long factory")).hits
        # "factory" also finds the Vietnamese name's "nhà máy" (a synonym): one project, in every language of the
        # site (Korean, Japanese and Chinese documents show the English name).
        assert {(hit.doc_type, hit.object_id, hit.locale) for hit in found} == {
            ("project", str(project.pk), code) for code, _name in settings.LANGUAGES}


class TestBoundedCount:
    """Past ``SEARCH_EXACT_COUNT_LIMIT`` matches a search says "more than", pages end at the limit and the facets
    are marked as counted over a bounded set (each count a lower bound)."""

    def test_one_match_more_than_the_limit_is_more_than_the_limit(self, loaded, settings):
        exact = loaded.search(SearchQuery(filters={"type": ("zone",)}))
        settings.SEARCH_EXACT_COUNT_LIMIT = 2
        results = loaded.search(SearchQuery(filters={"type": ("zone",)}))  # three zones
        assert (results.total, results.total_is_exact, results.total_relation) == (2, False, "gte")
        assert results.facets_estimated and len(results.hits) == 2
        for name, counts in results.facets.items():
            true = dict(exact.facets[name])
            assert all(0 < count <= true[value] for value, count in counts), name
        assert sum(count for _value, count in results.facets["type"]) == 2  # over the first two matches only
        by_land = loaded.search(SearchQuery(filters={"type": ("zone",)}, sort="available_land"))
        assert by_land.facets_estimated and sum(count for _value, count in by_land.facets["type"]) == 2

    def test_as_many_matches_as_the_limit_are_counted_exactly(self, loaded, settings):
        settings.SEARCH_EXACT_COUNT_LIMIT = 3
        results = loaded.search(SearchQuery(filters={"type": ("zone",)}))
        assert (results.total, results.total_is_exact, results.total_relation) == (3, True, "eq")
        assert not results.facets_estimated
        assert dict(results.facets["status"]) == {"operating": 2, "planned": 1}
        assert results.as_json()["total_relation"] == "eq"

    def test_pages_end_at_the_limit_and_do_not_overlap(self, loaded, settings):
        settings.SEARCH_EXACT_COUNT_LIMIT = 3
        pages = [loaded.search(SearchQuery(text="", page=page, page_size=2, facets=())) for page in (1, 2, 3)]
        assert [(page.total, page.total_is_exact) for page in pages] == [(3, False)] * 3  # seven documents
        assert pages[0].num_pages == 2 and pages[0].has_next and not pages[1].has_next
        assert [len(page.hits) for page in pages] == [2, 1, 0]
        seen = [(hit.doc_type, hit.object_id, hit.locale) for page in pages for hit in page.hits]
        assert len(set(seen)) == 3

    def test_pages_by_available_land_are_the_first_of_every_match(self, loaded, settings):
        settings.SEARCH_EXACT_COUNT_LIMIT = 2
        first = loaded.search(SearchQuery(filters={"type": ("zone",)}, sort="available_land", page_size=1))
        second = loaded.search(SearchQuery(filters={"type": ("zone",)}, sort="available_land", page_size=1, page=2))
        assert [h.object_id for h in first.hits + second.hits] == ["3", "2"] and not second.has_next

    def test_text_sorted_by_distance_past_the_limit_orders_every_match(self, loaded, settings):
        settings.SEARCH_EXACT_COUNT_LIMIT = 1
        results = loaded.search(SearchQuery(text="dong xoai", locale="en", near=(106.95, 11.56), sort="distance",
                                            page_size=1))
        assert (results.total, results.total_is_exact) == (1, False)
        assert [hit.object_id for hit in results.hits] == ["2"]

    def test_a_bounded_search_fills_its_candidates_band_after_band(self, loaded, settings):
        """Zones first, then the projects read past the first matches, in id order: the candidates are the
        first ``limit`` matches band after band, and the page ranks them."""
        loaded.bulk([IndexDocument("project", str(number), "en", f"Dong Xoai JSC {number}", url=f"/en/p/{number}/",
                                   summary="Dong Xoai ward", body="Dong Xoai") for number in (21, 22, 23)])
        loaded.delete("zone", "2")
        loaded.bulk([DOCS[1]])
        loaded.refresh()
        settings.SEARCH_EXACT_COUNT_LIMIT = 3
        results = loaded.search(SearchQuery(text="dong xoai", locale="en"))
        assert (results.total, results.total_is_exact) == (3, False)  # five match
        assert [hit.doc_type for hit in results.hits] == ["zone", "project", "project"]
        assert [hit.object_id for hit in results.hits][0] == "2"

    def test_the_best_band_ranks_first_in_a_bounded_search(self, loaded, settings):
        loaded.bulk([IndexDocument("project", str(number), "en", f"Dong Xoai JSC {number}", url=f"/en/p/{number}/",
                                   summary="Dong Xoai ward", body="Dong Xoai") for number in (21, 22, 23)])
        loaded.delete("zone", "2")
        loaded.bulk([DOCS[1]])  # the park written after the projects: it is not the first match stored
        loaded.refresh()
        settings.SEARCH_EXACT_COUNT_LIMIT = 2
        results = loaded.search(SearchQuery(text="dong xoai", locale="en", page_size=1))
        assert not results.total_is_exact and results.total == 2
        assert [(hit.doc_type, hit.object_id) for hit in results.hits] == [("zone", "2")]

    def test_a_phrase_of_the_query_ranks_first_in_a_bounded_search(self, loaded, settings):
        """The matches a broad query ranks start with those holding its words as one phrase: one stored after
        every other match of its type still ranks first."""
        loaded.bulk([IndexDocument("project", str(number), "en", f"Binh Hoa Project {number}", url=f"/en/p/{number}/",
                                   summary="Binh Hoa") for number in (31, 32, 33)])
        loaded.bulk([IndexDocument("project", "34", "en", "Hoa Binh Project", url="/en/p/34/", summary="Hoa Binh")])
        loaded.refresh()
        settings.SEARCH_EXACT_COUNT_LIMIT = 3
        results = loaded.search(SearchQuery(text="hoa binh", locale="en", page_size=2))
        assert (results.total, results.total_is_exact) == (3, False)  # four match
        assert [hit.object_id for hit in results.hits][0] == "34"


class TestBoundedRanking:
    """The embedded backend ranks a bounded number of a broad query's matches for a page (``candidates_for``):
    the first in the order its score starts with, the query's phrase, then the type's band."""

    @pytest.fixture
    def embedded(self, db, settings, monkeypatch):
        from search.backends import embedded

        settings.SEARCH_BACKEND, settings.SEARCH_BACKEND_OPTIONS = "search.backends.embedded", {}
        monkeypatch.setattr(embedded, "RANKED_CANDIDATES", 2)
        backend = embedded.SearchBackend({})
        backend.clear()

        def project(number, title):
            return IndexDocument("project", str(number), "en", title, url=f"/en/p/{number}/", summary=title)

        # In id order: three projects, the one holding the phrase, two more projects, then the only zone.
        backend.bulk([project(number, f"Binh Hoa Project {number}") for number in (1, 2, 3)])
        backend.bulk([project(7, "Hoa Binh Project")])
        backend.bulk([project(number, f"Binh Hoa Project {number}") for number in (4, 5)])
        backend.bulk([IndexDocument("zone", "6", "en", "Binh Hoa Park", url="/en/z/6/", summary="Binh Hoa")])
        settings.SEARCH_EXACT_COUNT_LIMIT = 4
        return backend

    def test_the_first_page_ranks_the_phrase_then_the_best_band(self, embedded):
        results = embedded.search(SearchQuery(text="hoa binh", locale="en", page_size=2))
        assert (results.total, results.total_is_exact) == (4, False)  # seven match
        assert [(hit.doc_type, hit.object_id) for hit in results.hits] == [("project", "7"), ("zone", "6")]

    def test_a_page_past_the_candidates_ranks_as_many_as_the_limit(self, embedded):
        results = embedded.search(SearchQuery(text="hoa binh", locale="en", page=2, page_size=2))
        assert [hit.object_id for hit in results.hits] == ["1", "2"] and not results.has_next
