"""The GIS upload form of the admin: file (or the file already staged), target, CRS override, encoding, layer
(one of the file's) and column mapping; fields that do not apply to the chosen target are ignored."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from maps.crs import crs_choices

from ..infrastructure import InfrastructureLayer
from ..models import ImportTarget, ZoneIndexPage, ZonePage
from .options import ImportOptions

ENCODING_CHOICES = [
    ("", _("Detect (.cpg file, else UTF-8 or Windows-1258)")),
    ("utf-8", "UTF-8"),
    ("cp1258", _("Windows-1258 (Vietnamese)")),
    ("cp1252", _("Windows-1252 (Western European)")),
    ("latin-1", "ISO-8859-1"),
]


class IndexChoiceField(forms.ModelChoiceField):
    """A zone index page named with its language: each language has its own index."""

    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.locale.get_display_name()})"


#: The targets each target-specific field applies to; the other fields apply to every target.
TARGET_FIELDS = {
    "index": (ImportTarget.ZONES,),
    "publish": (ImportTarget.ZONES,),
    "zone": (ImportTarget.PLOTS,),
    "infrastructure_layer": (ImportTarget.INFRASTRUCTURE,),
    "name_column": (ImportTarget.ZONES, ImportTarget.INFRASTRUCTURE),
    "land_use_column": (ImportTarget.PLOTS,),
    "status_column": (ImportTarget.PLOTS, ImportTarget.INFRASTRUCTURE),
    "layer_column": (ImportTarget.INFRASTRUCTURE,),
    "details_column": (ImportTarget.INFRASTRUCTURE,),
    "value_map": (ImportTarget.PLOTS, ImportTarget.INFRASTRUCTURE),
}


class GISUploadForm(forms.Form):
    """What to import and how to read it; everything but the file is optional, and the file too when one is
    ``staged`` (an ImportRecord whose file is kept): the form then offers the file's layers."""

    file = forms.FileField(label=_("GIS file"), required=False, help_text=_(
        "Zipped Shapefile (.zip with .shp, .shx, .dbf, .prj), GeoJSON, KML/KMZ or GeoPackage."))
    target = forms.ChoiceField(label=_("Import as"), choices=ImportTarget.choices, initial=ImportTarget.ZONES)
    index = IndexChoiceField(label=_("Zone index"), queryset=ZoneIndexPage.objects.none(), required=False,
                                   help_text=_("Where new zones are added (zones only)."))
    zone = forms.ModelChoiceField(label=_("Zone"), queryset=ZonePage.objects.none(), required=False,
                                  help_text=_("The zone the plots belong to (plots only)."))
    infrastructure_layer = forms.ChoiceField(
        label=_("Infrastructure layer"), required=False,
        choices=[("", _("Read it from a column (below)")), *InfrastructureLayer.choices],
        help_text=_("Infrastructure only: the layer of every feature of the file, or read from the layer column."))
    publish = forms.BooleanField(label=_("Publish the zones"), required=False,
                                 help_text=_("Unticked: new and changed zones are saved as drafts."))
    crs = forms.ChoiceField(label=_("Coordinate system"), choices=crs_choices, required=False, help_text=_(
        "Leave on 'Detect' unless the file has no .prj or declares the wrong system."))
    encoding = forms.ChoiceField(label=_("Text encoding"), choices=ENCODING_CHOICES, required=False)
    layer = forms.ChoiceField(label=_("Layer"), choices=[], help_text=_("The layers found in the file."))
    name_column = forms.CharField(label=_("Name column"), max_length=64, required=False)
    code_column = forms.CharField(label=_("Code column"), max_length=64, required=False)
    land_use_column = forms.CharField(label=_("Land use column"), max_length=64, required=False)
    status_column = forms.CharField(label=_("Status column"), max_length=64, required=False)
    layer_column = forms.CharField(label=_("Infrastructure layer column"), max_length=64, required=False,
                                   help_text=_("Infrastructure only: values such as 'substation', 'Trạm biến "
                                               "áp' or 'Quốc lộ'; map others below."))
    details_column = forms.CharField(label=_("Capacity or details column"), max_length=64, required=False)
    value_map = forms.CharField(label=_("Value mapping"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                help_text=_("One 'file value = code' per line, e.g. 'CN = industrial' or "
                                            "'Đã thuê = leased'."))

    def __init__(self, *args, staged=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.staged, self.ignored = staged, []
        layers = (staged.options.get("layers") or ([staged.layer] if staged.layer else [])) if staged else []
        if layers:
            self.fields["layer"].choices = [(name, name) for name in layers]
            self.fields["layer"].initial = staged.options.get("layer") or layers[0]
        else:  # not read yet: the first layer is read, then the form lists them all
            del self.fields["layer"]
        if staged:
            self.fields["file"].label = _("Or choose another file")
            self.fields["file"].help_text = _("Leave empty to check %(name)s again with the options below.") % {
                "name": staged.file_name}
        self.fields["index"].queryset = ZoneIndexPage.objects.select_related("locale").order_by("locale_id", "path")
        # Plots belong to a zone in every language: each zone is listed once, by its default-language page.
        locale = Locale.get_default()
        default = ZonePage.objects.filter(locale=locale).values("translation_key")
        self.fields["zone"].queryset = ZonePage.objects.filter(
            Q(locale=locale) | ~Q(translation_key__in=default)).order_by("title")

    def fields_with_targets(self) -> list[tuple[forms.BoundField, str]]:
        """Each field with the targets it applies to, space-separated ("" for every target)."""
        return [(self[name], " ".join(TARGET_FIELDS.get(name, ()))) for name in self.fields]

    @classmethod
    def initial_from(cls, options: dict) -> dict:
        """Initial values from the options an import was checked with (``ImportOptions.to_json``)."""
        columns = options.get("columns") or {}
        return {"target": options.get("target"), "zone": options.get("zone_id"), "index": options.get("index_id"),
                "crs": options.get("crs_epsg") or "", "encoding": options.get("encoding", ""),
                "layer": options.get("layer", ""), "publish": options.get("publish", False),
                "infrastructure_layer": options.get("infrastructure_layer", ""),
                "value_map": "\n".join(f"{raw} = {code}" for raw, code in (options.get("value_map") or {}).items()),
                **{f"{field}_column": column for field, column in columns.items()}}

    def clean(self):
        data = super().clean()
        if not data.get("file") and not self.staged and "file" not in self.errors:
            self.add_error("file", _("Choose a GIS file."))
        target = data.get("target")
        for name, targets in TARGET_FIELDS.items():
            if target and target not in targets and data.get(name):
                self.ignored.append(str(self.fields[name].label))
                data[name] = self.fields[name].to_python(None)
        if data.get("target") == ImportTarget.PLOTS and not data.get("zone"):
            self.add_error("zone", _("Choose the zone the plots belong to."))
        value_map = {}
        for number, line in enumerate((data.get("value_map") or "").splitlines(), start=1):
            if not line.strip():
                continue
            raw, sep, code = line.rpartition("=")
            if not sep or not raw.strip() or not code.strip():
                self.add_error("value_map", _("Line %(n)d is not 'value = code'.") % {"n": number})
                continue
            value_map[raw.strip()] = code.strip()
        data["value_map_dict"] = value_map
        return data

    def options(self) -> ImportOptions:
        """The editor's choices as import options."""
        data = self.cleaned_data
        columns = {field: (data.get(f"{field}_column") or "").strip()
                   for field in ("name", "code", "land_use", "status", "layer", "details")
                   if (data.get(f"{field}_column") or "").strip()}
        return ImportOptions(
            target=data["target"], zone_id=data["zone"].pk if data.get("zone") else None,
            index_id=data["index"].pk if data.get("index") else None,
            crs_epsg=int(data["crs"]) if data.get("crs") else None, encoding=data.get("encoding") or "",
            layer=data.get("layer") or "", columns=columns, value_map=data["value_map_dict"],
            publish=bool(data.get("publish")), infrastructure_layer=data.get("infrastructure_layer") or "")
