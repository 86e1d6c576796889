"""What the editor chose on the upload form, stored with the import record."""

from dataclasses import dataclass, field

from maps.importers.base import ReadOptions


@dataclass
class ImportOptions(ReadOptions):
    """How to read the file (``ReadOptions``) and what to make of it: zones under an index page, the plots
    of a zone, or infrastructure features (of one ``infrastructure_layer`` for the whole file, or of the layer
    a column names). ``columns`` maps a field to a file column; ``value_map`` a file value to a code."""

    target: str = "zones"  # ImportTarget: "zones", "plots" or "infrastructure"
    zone_id: int | None = None
    index_id: int | None = None
    columns: dict = field(default_factory=dict)
    value_map: dict = field(default_factory=dict)
    publish: bool = False
    infrastructure_layer: str = ""
