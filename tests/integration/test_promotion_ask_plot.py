""""Ask the board" on every plot: a link per row of a zone's plots table and in each plot's map popup,
pre-filled with the zone and plot codes, escaped whatever the code holds."""

import html
import re

import pytest
from django.urls import reverse

from tests.factories import zone_index
from tests.factories_zones import make_plots, make_zone
from zones.plot_maps import plot_popup

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert(1)</script>"'


def ask_links(text: str) -> list[str]:
    """The addresses of the per-plot ask links of the plots table, unescaped."""
    table = text.split('class="plots-table"')[1].split("</table>")[0]
    return [html.unescape(href) for href in re.findall(r'class="ask-link-plot" href="([^"]+)"', table)]


def test_each_plot_row_asks_about_its_plot_and_the_form_is_prefilled(client, home_page):
    zone = make_zone(zone_index(home_page), "ask-park", "Ask Park")
    make_plots(zone, 2)
    text = client.get(zone.url).content.decode()
    links = ask_links(text)
    assert len(links) == 2
    assert links[0].startswith(reverse("promotion:ask") + "?")
    assert "zone=ask-park" in links[0] and "plot=P1" in links[0] and "plot=P2" in links[1]
    assert "about=%2Fen%2Fzones%2Fask-park%2F" in links[0]
    assert text.count("Ask about this plot") >= 2
    form = client.get(links[1]).content.decode()
    assert 'name="plot" value="P2"' in form and 'name="zone" value="ask-park"' in form
    assert "Plot: P2" in form


def test_a_hostile_plot_code_is_escaped_in_the_table_the_popup_and_the_form(client, home_page):
    zone = make_zone(zone_index(home_page), "odd-park", "Odd Park")
    plot = make_plots(zone, 1)[0]
    type(plot).objects.filter(pk=plot.pk).update(code=HOSTILE)
    text = client.get(zone.url).content.decode()
    assert "<script>alert(1)</script>" not in text
    (link,) = ask_links(text)
    assert "plot=%3Cscript%3Ealert%281%29%3C%2Fscript%3E%22" in link
    form = client.get(link).content.decode()
    assert "<script>alert(1)</script>" not in form and "&lt;script&gt;alert(1)&lt;/script&gt;" in form
    popup = plot_popup({"code": HOSTILE, "land_use": "industrial", "status": "available",
                        "ask_url": '/en/ask/?plot="><script>'})
    assert "<script>" not in popup and 'href="/en/ask/?plot=&quot;&gt;&lt;script&gt;"' in popup


def test_the_zone_map_popup_offers_the_ask_link(client, home_page):
    zone = make_zone(zone_index(home_page), "map-park", "Map Park")
    make_plots(zone, 1)
    text = client.get(zone.url).content.decode()
    script = text[text.index("map-figure"):]
    assert "map-ask-link" in script and "Ask about this plot" in script
    assert "plot=P1" in script
