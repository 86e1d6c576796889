"""StreamField blocks of the home page."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class KeyFigureBlock(blocks.StructBlock):
    """A headline number, e.g. "378 FDI projects"."""

    value = blocks.CharBlock(label=_("Value"), max_length=40)
    unit = blocks.CharBlock(label=_("Unit"), max_length=40, required=False)
    label = blocks.CharBlock(label=_("Label"), max_length=120)
    source = blocks.CharBlock(label=_("Source"), max_length=200, required=False)

    class Meta:
        icon = "table"
        label = _("Key figure")


class CallToActionBlock(blocks.StructBlock):
    """A call to action that links to a page of the site; hidden while its page is not live."""

    title = blocks.CharBlock(label=_("Title"), max_length=80)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("Site path"), required=False, max_length=200,
        help_text=_("A path on this site such as /en/zones/ when the target is not a page."),
    )

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "portal/blocks/call_to_action.html"

    def clean(self, value):
        """Accept only links that stay on this site."""
        cleaned = super().clean(value)
        url = cleaned.get("url") or ""
        if url and not (url.startswith("/") and not url.startswith("//")):
            error = ValidationError(_("Use a path on this site, starting with /."))
            raise blocks.StructBlockValidationError(block_errors={"url": error})
        return cleaned
