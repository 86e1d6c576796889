"""What the public search holds about projects (registered from ``ProjectsConfig.ready()``): public
information only, the same the project's public page shows (``public_views``). Investors' contacts, private
notes, applications and dossier tokens are never read here, so they cannot reach any index."""

from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from core.i18n import localized
from search.backends.base import IndexDocument
from search.helpers import LANGUAGES, reverse_or_empty
from search.registry import register
from zones.search_documents import current_unit_names

from .choices import ProjectKind, ProjectStatus
from .models import Project


def public_projects(model=Project):
    """The projects the public search indexes (the registry's: never a planned one); no other project has a
    public page."""
    return (model.objects.exclude(status=ProjectStatus.PLANNED)
            .select_related("sector", "commune__parent__parent", "zone"))


def _project_of_share(share) -> list:
    return [share.project_id]


def _projects_of_sector(sector) -> list:
    return list(Project.objects.filter(sector=sector).values_list("pk", flat=True))


@register("project", Project, _("Project"), public_projects,
          dependencies={"projects.ProjectInvestor": _project_of_share, "zones.Sector": _projects_of_sector},
          facets={"kind": ProjectKind, "status": ProjectStatus, "province": None, "commune": None, "sector": None})
def project_documents(project) -> list[IndexDocument]:
    """Public project information: name, code, sector (its code, name and keywords), place, zone, status and
    registered capital (USD)."""
    documents = []
    investors = [localized(investor, "name", "vi") for investor in project.investors.all()]
    for language in LANGUAGES:
        sector = localized(project.sector, "name", language) if project.sector_id else ""
        province, commune, former = (current_unit_names([project.commune], language) if project.commune_id
                                     else ("", "", ""))
        with override(language):  # the zone's live translation, else its own title; labels in the language
            zone = project.zone.localized.title if project.zone_id else ""
            url = reverse_or_empty("projects:project", [project.pk])
            body = " · ".join(filter(None, [
                project.code, project.sector.code if project.sector_id else "",
                ", ".join(project.sector.keywords(language)) if project.sector_id else "",
                gettext("formerly %(place)s") % {"place": former} if former else "",
                gettext("Investors: %(names)s") % {"names": ", ".join(investors)} if investors else ""]))
        place = ", ".join(filter(None, [commune, province]))
        documents.append(IndexDocument(
            doc_type="project", object_id=str(project.pk), locale=language,
            title=localized(project, "name", language), url=url,
            summary=" · ".join(filter(None, [sector, zone, place])), body=body, kind=project.kind,
            province=province, commune=commune, sector=sector, status=project.status,
            capital_usd=project.capital_usd, lon=project.lon, lat=project.lat,
        ))
    return documents
