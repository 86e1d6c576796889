"""The public page of a project: exactly what the public search indexes about it (search_documents).

Contacts, private notes, dossiers and ownership shares are never read here, so no template can show them."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from core.i18n import localized
from zones.search_documents import unit_names

from .models import Project, ProjectInvestor
from .search_documents import public_projects


def public_information(project: Project, language: str, request=None) -> dict:
    """The public fields of ``project`` in ``language``: those ``search_documents.project_documents`` indexes.

    The zone is named and linked only while its page is live (in the active language when translated)."""
    province, commune = unit_names([project.commune], language) if project.commune_id else ("", "")
    now_province, now_commune = (unit_names(project.commune.current(), language) if project.commune_id
                                 else ("", ""))
    zone = project.zone.localized if project.zone_id and project.zone.live else None
    has_location = project.lon is not None and project.lat is not None
    name = localized(project, "name", language)
    return {
        "name": name, "code": project.code,
        "sector": localized(project.sector, "name", language) if project.sector_id else "",
        "commune": commune, "province": province,
        "now": ", ".join(filter(None, [now_commune, now_province])) if (now_province, now_commune) != (
            province, commune) else "",
        "zone_title": zone.title if zone else "", "zone_url": zone.get_url(request) if zone else "",
        "status": project.get_status_display(), "kind": project.get_kind_display(),
        "capital_usd": project.capital_usd, "lon": project.lon, "lat": project.lat,
        "investors": [share.investor.name for share in project.shares.all()],
        "map_features": [{
            "id": f"project-{project.pk}", "name": name, "url": "",
            "geometry": {"type": "Point", "coordinates": [project.lon, project.lat]},
            "centroid": (project.lon, project.lat),
        }] if has_location else [],
    }


def project_detail(request, pk: int):
    """A project's public information; 404 for a project the search does not publish."""
    shares = ProjectInvestor.objects.select_related("investor").order_by("sort_order", "pk")
    project = get_object_or_404(public_projects().prefetch_related(Prefetch("shares", queryset=shares)), pk=pk)
    language = get_language() or "en"
    return render(request, "projects/project_detail.html",
                  {"project": public_information(project, language, request)})
