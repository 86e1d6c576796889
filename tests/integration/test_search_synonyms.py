"""The synonym dictionary: expanding a query, the board's admin screen (rights, help, errors naming the field),
changes applied without a restart, and "did you mean" on the search page in both languages."""

import pytest

from search import synonyms
from search.analysis import Dictionary, SynonymEntry, expand, phrase_of
from search.backends import get_backend
from search.default_synonyms import DEFAULT_SYNONYMS, create_defaults
from search.models import Synonym
from search.spelling import Vocabulary, edit_distance, suggest
from tests.contract.investor_corpus import CORPUS

pytestmark = pytest.mark.django_db

ADMIN = "/admin/snippets/search/synonym/"


def entry(terms, also=""):
    return SynonymEntry(tuple(phrase_of(t) for t in terms.split(",")), tuple(phrase_of(t) for t in also.split(",")
                                                                            if t.strip()))


def test_expand_takes_the_longest_term_and_keeps_the_words_typed_first():
    dictionary = Dictionary.build([entry("KCN, industrial park, khu công nghiệp"), entry("park, công viên")])
    expansion = expand("Industrial Parks in Minh Hưng", dictionary)
    assert expansion.groups == (
        (("industrial", "parks"), ("kcn",), ("khu", "cong", "nghiep")), (("minh",),), (("hung",),))
    assert expansion.words == ("industrial", "parks", "in", "minh", "hung")
    assert expansion.phrases()[:2] == [("industrial", "parks", "in", "minh", "hung"),
                                       ("kcn", "in", "minh", "hung")]
    assert expand("in", dictionary).groups == ((("in",),),)  # a stop word alone is still searched


def test_a_term_in_two_entries_finds_both():
    dictionary = Dictionary.build([entry("chip, bán dẫn"), entry("chip, vi mạch")])
    assert expand("chips", dictionary).groups == ((("chips",), ("ban", "dan"), ("vi", "mach")),)


def test_the_seeded_dictionary_holds_what_investors_type():
    create_defaults(Synonym)
    assert Synonym.objects.count() >= len(DEFAULT_SYNONYMS) >= 40
    groups = synonyms.expand_query("thuế TNDN").groups
    assert {" ".join(phrase) for phrase in groups[0]} == {
        "thue tndn", "cit", "corporate income tax", "thue thu nhap doanh nghiep"}
    for typed, meant in [("IRC", "giay chung nhan dang ky dau tu"), ("EIA", "danh gia tac dong moi truong"),
                         ("KKT", "economic zone"), ("CCN", "cum cong nghiep"), ("FDI", "dau tu nuoc ngoai"),
                         ("PCCC", "fire safety"), ("land lease", "thue dat"), ("garment", "may mac"),
                         ("semiconductor", "chip"), ("ERC", "giay chung nhan dang ky doanh nghiep")]:
        assert tuple(meant.split()) in synonyms.expand_query(typed).groups[0], typed
    assert ("manufacturing",) in synonyms.expand_query("factory").groups[0]
    assert synonyms.expand_query("manufacturing").groups == ((("manufacturing",),),)  # one way only


def test_edit_distance_counts_a_swap_as_one():
    assert edit_distance("xaoi", "xoai") == 1 and edit_distance("electornics", "electronics") == 1
    assert edit_distance("kitten", "sitting") == 3


def test_suggest_keeps_accents_when_they_were_typed():
    vocabulary = Vocabulary.build(["Khu công nghiệp Đồng Xoài I"])
    assert suggest("dong xaoi", vocabulary) == "dong xoai"
    assert suggest("Đồng Xaòi", vocabulary) == "đồng xoài"
    assert suggest("dong xoai", vocabulary) == ""  # nothing unknown: no suggestion


@pytest.fixture
def editor(django_user_model):
    from django.contrib.auth.models import Group, Permission

    user = django_user_model.objects.create_user("synonym-editor", "editor@example.org", "pw-editor-1234")
    group = Group.objects.create(name="Search editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"),
                          *Permission.objects.filter(content_type__app_label="search",
                                                     codename__endswith="_synonym"))
    user.groups.add(group)
    return user


def test_only_officers_with_the_permission_see_the_dictionary(client, django_user_model, editor, home_page):
    from django.contrib.auth.models import Group, Permission

    other = django_user_model.objects.create_user("other-officer", "other@example.org", "pw-other-1234")
    plain = Group.objects.create(name="Admin only")
    plain.permissions.add(Permission.objects.get(codename="access_admin"))
    other.groups.add(plain)
    client.force_login(other)
    assert client.get(ADMIN).status_code in (302, 403)
    client.force_login(editor)
    response = client.get(ADMIN)
    assert response.status_code == 200 and "thuế TNDN" in response.content.decode()
    assert "/admin/snippets/search/synonym/" in client.get("/admin/").content.decode()  # in the Settings menu


def test_the_form_explains_each_field_and_names_the_field_in_errors(client, editor, home_page):
    client.force_login(editor)
    form = client.get(ADMIN + "add/").content.decode()
    assert "A search for any of them also finds the others." in form
    assert "do not find the terms back" in form
    response = client.post(ADMIN + "add/", {"terms": "CIT, VAT-free", "expands_to": "", "note": "", "enabled": "on"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "“CIT” is already a term of the entry" in errors["terms"][0]
    response = client.post(ADMIN + "add/", {"terms": "mango", "expands_to": "mango", "enabled": "on"})
    assert response.context["form"].errors["expands_to"] == ["“mango” is already one of the terms."]
    response = client.post(ADMIN + "add/", {"terms": "mango, Mangoes, !!", "enabled": "on"})
    assert set(response.context["form"].errors["terms"]) == {"“Mangoes” is listed twice.",
                                                             "“!!” has no letters or digits."}


def test_an_entry_saved_in_the_admin_changes_the_next_search_and_deleting_it_undoes_it(client, editor, home_page):
    get_backend().rebuild(CORPUS)
    client.force_login(editor)
    assert client.get("/en/search/api/", {"q": "mango"}).json()["total"] == 1
    assert client.get("/en/search/api/", {"q": "quả xoài"}).json()["total"] == 0
    response = client.post(ADMIN + "add/", {"terms": "mango, quả xoài", "expands_to": "", "note": "fruit",
                                            "enabled": "on"})
    assert response.status_code == 302
    hits = client.get("/en/search/api/", {"q": "quả xoài"}).json()["hits"]
    assert [hit["id"] for hit in hits] == ["p7"]
    created = Synonym.objects.get(note="fruit")
    assert client.post(f"{ADMIN}delete/{created.pk}/").status_code == 302
    assert client.get("/en/search/api/", {"q": "quả xoài"}).json()["total"] == 0


@pytest.mark.parametrize(("language", "label"), [("en", "Did you mean:"), ("vi", "Có phải bạn muốn tìm:")])
def test_did_you_mean_links_to_the_corrected_search(client, home_page, language, label):
    get_backend().rebuild(CORPUS)
    response = client.get(f"/{language}/search/", {"q": "electornics", "type": "sector"})
    html = response.content.decode()
    assert response.context["results"].total == 0
    assert f'{label} <a href="?q=electronics&amp;type=sector" data-suggestion>electronics</a>' in html
    corrected = client.get(f"/{language}/search/", {"type": "sector", "q": "electronics"})
    assert corrected.context["results"].total == 1


def test_no_suggestion_that_would_find_nothing_under_the_filters(client, home_page):
    get_backend().rebuild(CORPUS)
    body = client.get("/en/search/api/", {"q": "electornics", "type": "procedure"}).json()
    assert body["total"] == 0 and body["suggestion"] == ""
    assert client.get("/en/search/api/", {"q": "electornics"}).json()["suggestion"] == "electronics"
