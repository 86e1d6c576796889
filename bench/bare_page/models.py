"""The baseline page: a title and one rich-text field, in the site's layout, nothing else."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class BarePage(Page):
    """A Wagtail page with one rich-text field."""

    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    template = "bare_page/bare_page.html"
