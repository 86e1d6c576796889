"""The board's work on the Wagtail admin's home: one panel gathering what waits for the board.

Any app adds lines to it through the Wagtail hook ``register_board_work`` (looked up by name, so a lower app
never imports this module). Each registered function takes the ``request`` and returns a list of dicts::

    {"group": str,      # the heading the line goes under, translated
     "label": str,      # what is counted, translated
     "count": int,
     "url": str,        # the list it links to, filtered to what is counted
     "tone": "critical" | "warning" | "",
     "order": int}      # smaller first; groups follow their first line

and returns ``[]`` when the user may not open that list. The panel renders nothing when no line is left.
"""

from django.template.loader import get_template
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

HOOK = "register_board_work"
TONES = ("critical", "warning", "")


def board_items(request) -> list[dict]:
    """Every line the registered ``register_board_work`` functions give ``request``'s user, in order."""
    items = []
    for give in hooks.get_hooks(HOOK):
        items.extend(give(request) or [])
    return sorted(items, key=lambda item: item.get("order", 0))


def board_groups(items: list[dict]) -> list[dict]:
    """``items`` gathered under their group headings: ``[{"heading": ..., "items": [...]}]``, each group
    where its first (lowest-ordered) line falls."""
    groups: dict[str, dict] = {}
    for item in items:
        heading = str(item["group"])
        groups.setdefault(heading, {"heading": heading, "items": []})["items"].append(
            {**item, "tone": item.get("tone", "") if item.get("tone", "") in TONES else ""})
    return list(groups.values())


class BoardWorkPanel(Component):
    """The "The board's work" panel: counts that link to the lists behind them, grouped; nothing at all for a
    user who may open none of those lists."""

    name = "board_work"
    template_name = "promotion/admin/dashboard_panel.html"
    order = 50  # above Wagtail's own panels (workflow, recent edits: 210 and later)
    title = _("The board's work")

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"request": request, "title": self.title, "groups": board_groups(board_items(request))}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        return get_template(self.template_name).render(context) if context["groups"] else ""
