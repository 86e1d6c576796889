"""Reads an OGC API - Features service with GDAL's OAPIF driver (through pyogrio) and prints what it read as
JSON. Run in its own process: GDAL holds the interpreter lock while it reads, which would stall a server
running in the reading process's own threads.

    python tests/api/oapif_reader.py URL [LAYER [CRS]]
"""

import json
import sys

import pyogrio


def main(url: str, layer: str | None = None, crs: str | None = None) -> dict:
    source = "OAPIF:" + url
    out = {"layers": [str(name) for name, _kind in pyogrio.list_layers(source)]}
    if layer:
        options = {"CRS": crs} if crs else {}
        frame = pyogrio.read_dataframe(source, layer=layer, **options)
        out["crs"] = frame.crs.to_string() if frame.crs else None
        out["columns"] = [column for column in frame.columns if column != "geometry"]
        out["rows"] = json.loads(frame.drop(columns="geometry").to_json(orient="records", date_format="iso"))
        out["geometries"] = [geometry.wkt if geometry is not None else None for geometry in frame.geometry]
    return out


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:])))
