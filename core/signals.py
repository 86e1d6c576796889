"""Signal receivers of the shared kernel: a page's shared values and its source follow it into every language;
a page published, unpublished, moved or deleted leaves the page cache (``core.page_cache``)."""

from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from core import page_cache, translations
from core.events import shared_values_changed


@receiver(pre_save)
def remember_shared_values(sender, instance, update_fields=None, **kwargs):
    """Before a page is saved in full (as publishing does), keep its stored shared values."""
    if update_fields is None and isinstance(instance, Page) and not kwargs.get("raw"):
        translations.remember_shared(instance)


@receiver(page_published)
def follow_published_page(sender, instance, revision=None, **kwargs):
    """A page published with changed shared values passes them to its other languages at once; a published source
    remakes its translations, so that they carry its structure and show its new text until translated."""
    translations.propagate_shared(instance)
    translations.follow_source(instance, user=getattr(revision, "user", None))


def _page_and_neighbours(page) -> list[str]:
    """A page is shown on itself, in its parent's list and possibly on the home page, in every language."""
    paths = page_cache.page_paths(page)
    parent = page.get_parent() if page.depth > 2 else None
    if parent is not None and parent.depth >= 2:
        paths += page_cache.page_paths(parent)
    site = page.get_site()
    if site is not None:
        paths += page_cache.page_paths(site.root_page)
    return paths


page_cache.register(Page, _page_and_neighbours, on_save=False)


@receiver(page_published)
@receiver(page_unpublished)
def purge_published_page(sender, instance, **kwargs):
    """A page published or unpublished leaves the page cache wherever it is shown."""
    page_cache.purge(instance.specific_deferred if type(instance) is Page else instance)


@receiver(pre_delete)
def purge_deleted_page(sender, instance, **kwargs):
    """A page deleted leaves the page cache (its paths are computed while it still exists)."""
    if isinstance(instance, Page) and instance.depth > 1 and type(instance) is instance.specific_class:
        page_cache.purge(instance)


@receiver(pre_page_move)
@receiver(post_page_move)
def purge_moved_page(sender, instance, **kwargs):
    """A page moved leaves the page cache at its old place (with the pages below it) and at its new one."""
    page_cache.purge(instance)
    for descendant in instance.get_descendants().specific():
        page_cache.purge(descendant)


@receiver(shared_values_changed)
def purge_pages_given_shared_values(sender, pks, **kwargs):
    """Pages whose shared values were written in bulk leave the page cache."""
    for page in sender.objects.filter(pk__in=pks):
        page_cache.purge(page)
