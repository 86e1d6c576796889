"""The GIS upload form of the admin: file, target, CRS override, encoding, layer and column mapping."""

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


class GISUploadForm(forms.Form):
    """What to import and how to read it; everything but the file is optional."""

    file = forms.FileField(label=_("GIS file"), help_text=_(
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
    layer = forms.CharField(label=_("Layer"), max_length=255, required=False,
                            help_text=_("For a GeoPackage with several layers."))
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["index"].queryset = ZoneIndexPage.objects.select_related("locale").order_by("locale_id", "path")
        # Plots belong to a zone in every language: each zone is listed once, by its default-language page.
        locale = Locale.get_default()
        default = ZonePage.objects.filter(locale=locale).values("translation_key")
        self.fields["zone"].queryset = ZonePage.objects.filter(
            Q(locale=locale) | ~Q(translation_key__in=default)).order_by("title")

    def clean(self):
        data = super().clean()
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
        columns = {field: data[f"{field}_column"].strip()
                   for field in ("name", "code", "land_use", "status", "layer", "details")
                   if data.get(f"{field}_column", "").strip()}
        return ImportOptions(
            target=data["target"], zone_id=data["zone"].pk if data.get("zone") else None,
            index_id=data["index"].pk if data.get("index") else None,
            crs_epsg=int(data["crs"]) if data.get("crs") else None, encoding=data.get("encoding") or "",
            layer=data.get("layer", "").strip(), columns=columns, value_map=data["value_map_dict"],
            publish=bool(data.get("publish")), infrastructure_layer=data.get("infrastructure_layer") or "")
