"""A zone page's table of plots: ``{% load zone_plot_table %}``, then ``{% kept_plot_table %}`` (the table, kept
per process: ``zones.page_parts.plot_table_html``) and, in ``zones/includes/plot_table.html``, ``{% plot_rows %}``
(its rows). Written in Python with ``format_html``: the same HTML as a template row, without a
template's cost for each of up to fifty rows; the shortlist button keeps its template."""

from django import template
from django.template.defaultfilters import floatformat, urlencode
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .. import page_parts, units
from .zone_shortlist import shortlist_button

register = template.Library()
_KEY, _NAME = "\x00key\x00", "\x00name\x00"

ROW = ('\n    <tr class="plot-{}{}"><th scope="row">{}{}</th><td>{}</td>'
       '<td><span class="status status-{}">{}</span></td><td>{}</td><td>{}</td><td>{}{}</td></tr>\n  ')
ACTIONS = ('<span class="plot-actions">{} <a href="{}?zone={}&amp;plot={}">{}<span class="visually-hidden"> {}</span>'
           "</a></span>")
ASK = ' <a class="ask-link-plot" href="{}">{}<span class="visually-hidden"> {}</span></a>'


@register.simple_tag(takes_context=True)
def kept_plot_table(context) -> str:
    """The zone page's table of plots (``zones/includes/plot_table.html``) for this visitor."""
    return page_parts.plot_table_html(context)


@register.simple_tag(takes_context=True)
def plot_rows(context) -> str:
    """The table rows of ``plot_table``'s page of plots for ``page`` (a zone), each with its shortlist button
    (the visitor's own state and CSRF token), cost link and "Ask" link."""
    zone, table = context["page"], context["plot_table"]
    unit = context.get("unit") or units.unit_of(context.get("request"))
    button = get_template("zones/includes/shortlist_button.html")
    fits, cost, ask = gettext("Fits your project"), reverse("zones:cost"), gettext("Ask about this plot")
    total_cost, zone_code = gettext("Total cost"), urlencode(zone.code)
    rows, labels, forms = [], {}, {}
    for plot in table.page.object_list:
        if not labels:
            labels = {name: {value: str(label) for value, label in type(plot)._meta.get_field(name).flatchoices}
                      for name in ("land_use", "status")}
        actions = ""
        if plot.is_leasable and plot.status == "available":
            form = _button(forms, button, shortlist_button(context, zone, plot, compact=True))
            actions = format_html(ACTIONS, mark_safe(form), cost, zone_code, urlencode(plot.code), total_cost,  # noqa: S308 - a template's output
                                  gettext("of plot %(code)s") % {"code": plot.code})
        rows.append(format_html(
            ROW, plot.status, " plot-fits" if plot.fits else "", plot.code,
            format_html(' <span class="fit-badge">{}</span>', fits) if plot.fits else "",
            labels["land_use"].get(plot.land_use, plot.land_use), plot.status,
            labels["status"].get(plot.status, plot.status),
            units.number(plot.area_m2, unit) if plot.area_m2 is not None else "",
            floatformat(plot.display_price, "2g") if plot.display_price is not None else "", actions,
            format_html(ASK, plot.ask_url, ask, plot.code) if plot.ask_url else ""))
    return mark_safe("".join(rows))  # noqa: S308 - format_html's output


def _button(forms: dict, button, values: dict) -> str:
    """The shortlist button's template rendered once per state (listed or not) with markers for the key and
    name, which each row fills in escaped: the template's markup without a template's cost for each row."""
    if not values:
        return ""
    listed = values["listed"]
    if listed not in forms:
        forms[listed] = button.render({**values, "key": _KEY, "name": _NAME})
    return forms[listed].replace(_KEY, escape(values["key"])).replace(_NAME, escape(values["name"]))
