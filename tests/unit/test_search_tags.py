"""The search page's facet options and hits, written as HTML by ``search_tags``: every name stays text."""

from dataclasses import replace

from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from search.backends.base import Hit

HOSTILE = '<img src=x onerror="alert(1)">'
TEMPLATE = Template("{% load search_tags %}<ul>{% facet_options options %}</ul><ol>{% search_hits hits %}</ol>")


def render(options=(), hits=()) -> str:
    return TEMPLATE.render(Context({"options": list(options), "hits": list(hits)}))


def test_a_facet_option_is_a_link_with_its_count_and_every_value_escaped():
    html = render(options=[
        {"value": HOSTILE, "label": HOSTILE, "count_text": "1,234", "selected": True, "url": '?q=a&type="x"'},
        {"value": "zone", "label": "Zone", "count_text": "at least 2", "selected": False, "url": "?type=zone"}])
    assert "<img" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert '<a href="?q=a&amp;type=&quot;x&quot;" data-facet-value="&lt;img' in html
    assert html.count('aria-current="true"') == 1
    assert ('<li><a href="?type=zone" data-facet-value="zone">Zone</a> <span class="count">(at least 2)</span></li>'
            in html)


def test_a_hit_links_its_title_says_its_type_and_distance_and_keeps_its_snippets_marks():
    hit = Hit(doc_type=HOSTILE, object_id="1", title=HOSTILE, url="/en/zones/a/", distance_km=12.345,
              snippet=mark_safe("in the <mark>park</mark> &amp; port"))  # an unknown type is named by its value
    with translation.override("vi"):
        html = render(hits=[hit, replace(hit, url="", title="Plain", distance_km=None, snippet=mark_safe(""))])
    assert "<img" not in html and html.count("&lt;img src=x") == 5  # the type (attribute and name) twice, a title
    assert '<h2><a href="/en/zones/a/">&lt;img' in html and '<h2><a href="#">Plain</a></h2>' in html
    assert "12,3 km" in html  # the distance as Vietnamese writes it
    assert '<p class="search-hit-snippet">in the <mark>park</mark> &amp; port</p>' in html
    assert html.count("search-hit-snippet") == 1


def test_a_hit_is_named_by_its_type_in_the_page_language():
    hit = Hit(doc_type="zone", object_id="1", title="Minh Hung III", url="/vi/zones/minh-hung-3/")
    with translation.override("vi"):
        html = render(hits=[hit])
    assert '<li class="search-hit" data-type="zone">' in html
    label = html.split('<p class="search-hit-type">')[1].split("</p>")[0]
    assert label and label not in ("zone", "Zone")
