"""Demo infrastructure around the Binh Phuoc zones (illustrative: see demo_data/infrastructure.geojson):
substations and power lines, water and wastewater plants, national roads, a planned railway, the ports,
airports and border gate investors measure a site against, named in every site language (proper names without
a standard form in a language stay as they are). ``load_infrastructure()`` is idempotent."""

import json
from pathlib import Path

from shapely.geometry import shape

from core.i18n import SUFFIXES

from .models import InfrastructureFeature

DATA = Path(__file__).resolve().parent / "demo_data" / "infrastructure.geojson"
FIELDS = ("layer", "status", *(f"{field}_{suffix}" for field in ("name", "details") for suffix in SUFFIXES))


def load_infrastructure(path: Path = DATA) -> int:
    """Create or update the demo features by code; returns how many the file holds."""
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    for item in features:
        properties = item["properties"]
        feature = (InfrastructureFeature.objects.filter(code=properties["code"]).first()
                   or InfrastructureFeature(code=properties["code"]))
        for name in FIELDS:
            setattr(feature, name, properties.get(name) or getattr(feature, name))
        feature.illustrative = True
        feature.set_geometry(shape(item["geometry"]), "EPSG:4326")
        feature.save()
    return len(features)
