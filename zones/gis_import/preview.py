"""What the editor reads before saving: the zones or plots a file would replace, and the warnings."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.text import fold
from maps.importers.processing import PreparedLayer

from ..choices import LandUse, PlotStatus
from ..models import ImportTarget, Plot, ZonePage
from .infrastructure import existing_features
from .options import ImportOptions
from .preparing import target_index, target_zone

#: A replacement changing an area by more than this share of the area it has now is flagged in the preview.
AREA_CHANGE_WARNING = 0.5
#: Combining marks (after NFD) and letters that only Vietnamese of the languages we serve writes.
_VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323đĐ")


@dataclass(frozen=True)
class Replacement:
    """An existing zone or plot a feature of the layer will overwrite (matched by code).

    For plots, ``title`` is the plot's code, and the land use and status labels say what saving changes;
    for zones they are empty.
    """

    code: str
    title: str
    new_title: str
    area_ha: float | None
    new_area_ha: float
    land_use: str = ""
    new_land_use: str = ""
    status: str = ""
    new_status: str = ""

    @property
    def retitled(self) -> bool:
        return self.title != self.new_title

    @property
    def land_use_changed(self) -> bool:
        return self.land_use != self.new_land_use

    @property
    def status_changed(self) -> bool:
        return self.status != self.new_status

    @property
    def area_jumps(self) -> bool:
        """Whether saving changes the area by more than ``AREA_CHANGE_WARNING`` of what it is now."""
        if not self.area_ha:
            return False
        return abs(self.new_area_ha - self.area_ha) > AREA_CHANGE_WARNING * self.area_ha


def replacements(prepared: PreparedLayer, options: ImportOptions) -> dict[str, Replacement]:
    """By code, what saving ``prepared`` would overwrite: the editor sees it in the preview, before saving."""
    frame = prepared.frame
    codes = frame["code"].tolist()
    found = {}
    if options.target == ImportTarget.INFRASTRUCTURE:
        existing = existing_features(prepared)
        return {code: Replacement(code=code, title=existing[code].name_vi, new_title=name,
                                  area_ha=_hectares(existing[code].area_m2), new_area_ha=_hectares(area))
                for code, name, area in zip(codes, frame["name"], frame["area_m2"], strict=True) if code in existing}
    if options.target == ImportTarget.PLOTS:
        plots = {plot.code: plot for plot in Plot.objects.for_zone(target_zone(options)).filter(code__in=codes)
                 .only("code", "area_m2", "land_use", "status")}
        for code, name, area, land_use, status in zip(codes, frame["name"], frame["area_m2"], frame["land_use"],
                                                      frame["status"], strict=True):
            if code in plots:
                plot = plots[code]
                found[code] = Replacement(
                    code=code, title=code, new_title=name, area_ha=_hectares(plot.area_m2),
                    new_area_ha=_hectares(area), land_use=str(LandUse(plot.land_use).label),
                    new_land_use=str(LandUse(land_use).label), status=str(PlotStatus(plot.status).label),
                    new_status=str(PlotStatus(status).label))
        return found
    zones = {zone.code: zone for zone in ZonePage.objects.filter(
        code__in=codes, locale_id=target_index(options).locale_id).only("code", "title", "area_m2")}
    for code, name, area in zip(codes, frame["name"], frame["area_m2"], strict=True):
        if code in zones:
            found[code] = Replacement(code=code, title=zones[code].title, new_title=name,
                                      area_ha=_hectares(zones[code].area_m2), new_area_ha=_hectares(area))
    return found


def _hectares(area_m2) -> float | None:
    return round(float(area_m2) / 10_000, 2) if area_m2 is not None else None


def _looks_vietnamese(text: str) -> bool:
    return not _VIETNAMESE_MARKS.isdisjoint(unicodedata.normalize("NFD", text))


def preview_warnings(prepared: PreparedLayer, options: ImportOptions,
                     replaced: dict[str, Replacement]) -> list[str]:
    """What the editor must read before saving ``prepared``: areas that change by more than half, new zones
    named like an existing zone of the target index, Vietnamese names going into an English zone index."""
    kind = {ImportTarget.PLOTS: _("Plot"), ImportTarget.INFRASTRUCTURE: _("Feature")}.get(options.target, _("Zone"))
    warnings = [
        _("%(kind)s %(code)s: saving changes its area from %(old)s ha to %(new)s ha, by more than half. Check "
          "that the file's row and its coordinate system are the right ones.") % {
            "kind": kind, "code": change.code, "old": _area(change.area_ha), "new": _area(change.new_area_ha)}
        for change in replaced.values() if change.area_jumps]
    if options.target != ImportTarget.ZONES:
        return warnings
    index = target_index(options)
    frame = prepared.frame
    new_zones = [(code, name) for code, name in zip(frame["code"], frame["name"], strict=True)
                 if code not in replaced]
    if new_zones:
        existing = {_name_key(title): (code, title) for code, title in
                    ZonePage.objects.child_of(index).values_list("code", "title")}
        for code, name in new_zones:
            same = existing.get(_name_key(name))
            if same and same[0] != code:
                warnings.append(_("“%(name)s” comes with the code %(code)s, which no zone has, but zone %(other)s is "
                                  "already called “%(title)s”: saving creates a second zone of that name.") % {
                    "name": name, "code": code, "other": same[0], "title": same[1]})
    vietnamese = [name for name in frame["name"] if _looks_vietnamese(str(name))]
    if vietnamese and index.locale.language_code.startswith("en"):
        warnings.append(_("The zone names in the file are Vietnamese (e.g. “%(name)s”) but they go into the "
                          "English zone index “%(index)s”: saving replaces the English titles by Vietnamese "
                          "ones. Choose the Vietnamese zone index for a Vietnamese file.") % {
            "name": vietnamese[0], "index": index.title})
    return warnings


#: Words that say what kind of zone a name is, not which: "Becamex Binh Phuoc" and "Becamex Binh Phuoc
#: Industrial Park" (or "KCN Becamex Bình Phước") name the same zone.
_ZONE_WORDS = re.compile(r"\b(?:industrial (?:park|zone|cluster)|export processing zone|high tech park|economic zone|"
                         r"border gate|khu cong nghiep|cum cong nghiep|khu che xuat|khu kinh te|cua khau|kcn|ccn|kkt|"
                         r"ip)\b")


def _name_key(name: str) -> str:
    """A zone name folded, without punctuation and without the words that only say its kind."""
    words = " ".join(re.sub(r"[\W_]+", " ", fold(str(name))).split())
    return " ".join(_ZONE_WORDS.sub(" ", words).split()) or words


def _area(hectares: float) -> str:
    return number_format(hectares, decimal_pos=2, use_l10n=True, force_grouping=True)
