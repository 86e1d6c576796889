"""What a GIS import would do to pages, held against the editor's page permissions, as the page editor does
(infrastructure, which is no page, needs the model permissions to add and change infrastructure features).

Importing zones adds pages under a zone index, edits existing zone pages and, if asked, publishes them;
importing plots changes a zone page's plots. Each right is checked at preview and again at confirm and run
(rights may change in between); the message names the page and the right that is missing."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maps.importers.base import DataRefused

from ..models import ImportTarget, ZonePage
from .options import ImportOptions
from .preparing import target_index, target_zone


def missing_rights(user, options: ImportOptions, codes, zone: ZonePage | None = None) -> list[str]:
    """A sentence for each right ``user`` lacks to import features with ``codes`` as ``options`` say (``zone``: the
    plots' zone, when the caller has it already)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return [_("This import has no account behind it (the one that uploaded it was removed): upload it again.")]
    if options.target == ImportTarget.INFRASTRUCTURE:
        rights = ("zones.add_infrastructurefeature", "zones.change_infrastructurefeature")
        return [] if user.has_perms(rights) else [_("You may not add or change infrastructure features.")]
    if options.target == ImportTarget.PLOTS:
        zone = zone or target_zone(options)
        problems = []
        if not zone.permissions_for_user(user).can_edit():
            problems.append(_('You may not edit the zone "%(page)s", whose plots this file would change.')
                            % {"page": zone.title})
        if not (user.has_perm("zones.add_plot") and user.has_perm("zones.change_plot")):
            problems.append(_("You may not add or change plots."))
        return problems
    index = target_index(options)
    codes = set(codes)
    existing = list(ZonePage.objects.filter(code__in=codes, locale_id=index.locale_id).specific())
    new = len(codes - {zone.code for zone in existing})
    problems = []
    tester = index.permissions_for_user(user)
    if new and not tester.can_add_subpage():
        problems.append(ngettext('You may not add zones under "%(page)s" (the file has %(count)d new zone).',
                                 'You may not add zones under "%(page)s" (the file has %(count)d new zones).', new)
                        % {"page": index.title, "count": new})
    elif new and options.publish and not tester.can_publish_subpage():
        problems.append(_('You may not publish new zones under "%(page)s": untick "Publish the zones" to save '
                          'them as drafts.') % {"page": index.title})
    for zone in existing:
        zone_tester = zone.permissions_for_user(user)
        if not zone_tester.can_edit():
            problems.append(_('You may not edit the zone "%(page)s".') % {"page": zone.title})
        elif options.publish and not zone_tester.can_publish():
            problems.append(_('You may not publish the zone "%(page)s": untick "Publish the zones" to save it as a '
                              'draft.') % {"page": zone.title})
    return problems


def require_rights(user, options: ImportOptions, codes, zone: ZonePage | None = None) -> None:
    """Refuse the import (``DataRefused``) with every missing right named."""
    problems = missing_rights(user, options, codes, zone)
    if problems:
        raise DataRefused(" ".join(problems))
