"""Generate the GIS test corpus: bad and awkward files plus a few good ones (VN-2000, cp1258, every format).

Run ``.venv/bin/python tests/data/gis/make_corpus.py``; the files are committed next to this script so the
tests never depend on generating them. Deterministic except for zip timestamps.
"""

import io
import json
import sqlite3
import struct
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import geopandas as gpd
import pyogrio
from shapely.geometry import LineString, Point, Polygon

HERE = Path(__file__).resolve().parent
X0, Y0 = 574_000.0, 1_270_000.0  # EPSG:9212 (VN-2000 / TM-3 106-15), near Dong Xoai
LON0, LAT0 = 106.90, 11.50  # WGS 84 test zone area

ZONE_NAMES = ["Khu công nghiệp Minh Hưng III", "Khu công nghiệp Đồng Xoài I", "Khu kinh tế cửa khẩu Hoa Lư"]
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """Encode Vietnamese text in Windows-1258 (base letters precomposed, tone marks combining)."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append((base + "".join(c for c in parts if c in TONES)).encode("cp1258"))
    return b"".join(out)


def square(x, y, size):
    return Polygon([(x, y), (x + size, y), (x + size, y + size), (x, y + size)])


def write(name: str, data: bytes | str) -> None:
    (HERE / name).write_bytes(data.encode() if isinstance(data, str) else data)


def zip_bytes(members: list[tuple], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for member in members:
            if isinstance(member[0], zipfile.ZipInfo):
                archive.writestr(member[0], member[1])
            else:
                archive.writestr(zipfile.ZipInfo(member[0], date_time=(2025, 1, 1, 0, 0, 0)), member[1],
                                 compress_type=compression)
    return buffer.getvalue()


def shapefile_members(frame: gpd.GeoDataFrame, stem: str, encoding: str | None = None, cpg: str | None = None,
                      drop: tuple = ()) -> list[tuple[str, bytes]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{stem}.shp"
        pyogrio.write_dataframe(frame, path, encoding=encoding or "UTF-8")
        cpg_path = path.with_suffix(".cpg")
        if cpg is None:
            cpg_path.unlink(missing_ok=True)
        else:
            cpg_path.write_text(cpg)
        return [(part.name, part.read_bytes()) for part in sorted(Path(folder).iterdir())
                if part.suffix not in drop]


def geojson(features: list[dict], **extra) -> str:
    return json.dumps({"type": "FeatureCollection", **extra, "features": features}, ensure_ascii=False)


def feature(geometry, **properties) -> dict:
    return {"type": "Feature", "properties": properties,
            "geometry": geometry if isinstance(geometry, dict) or geometry is None else geometry.__geo_interface__}


def vn2000_zones(legacy_text: bool) -> gpd.GeoDataFrame:
    names = [cp1258(n).decode("latin-1") for n in ZONE_NAMES] if legacy_text else ZONE_NAMES
    return gpd.GeoDataFrame({"TEN": names, "MA": ["minh-hung-3", "dong-xoai-1", "hoa-lu"]},
                            geometry=[square(X0 + i * 3000, Y0, 2000) for i in range(3)], crs="EPSG:9212")


def make_gpkg(path: Path, layers: dict[str, gpd.GeoDataFrame]) -> None:
    path.unlink(missing_ok=True)
    for layer, frame in layers.items():
        pyogrio.write_dataframe(frame, path, layer=layer, driver="GPKG", append=path.exists())


def make_curved_gpkg(path: Path) -> None:
    frame = gpd.GeoDataFrame({"name": ["Curved park", "Square park"]},
                             geometry=[square(LON0, LAT0, 0.01), square(LON0 + 0.02, LAT0, 0.01)], crs=4326)
    make_gpkg(path, {"zones": frame})
    con = sqlite3.connect(path)
    con.create_function("ST_IsEmpty", 1, lambda blob: 0)
    for name, value in (("ST_MinX", LON0), ("ST_MaxX", LON0 + 0.01), ("ST_MinY", LAT0 - 0.005),
                        ("ST_MaxY", LAT0 + 0.005)):
        con.create_function(name, 1, lambda blob, value=value: value)
    ring = [(LON0, LAT0), (LON0 + 0.005, LAT0 + 0.005), (LON0 + 0.01, LAT0), (LON0 + 0.005, LAT0 - 0.005),
            (LON0, LAT0)]
    wkb = struct.pack("<BII", 1, 10, 1) + struct.pack("<BII", 1, 8, len(ring)) + b"".join(
        struct.pack("<dd", *point) for point in ring)
    header = b"GP" + bytes([0, 1]) + struct.pack("<i", 4326)
    con.execute("UPDATE zones SET geom = ? WHERE fid = 1", (header + wkb,))
    con.execute("UPDATE gpkg_geometry_columns SET geometry_type_name = 'CURVEPOLYGON'")
    con.commit()
    con.close()


def main() -> None:
    for old in HERE.iterdir():
        if old.name not in {"make_corpus.py", "README.md"}:
            old.unlink()
    good_shp = shapefile_members(vn2000_zones(False), "zones", encoding="UTF-8", cpg="UTF-8")

    # --- archive attacks -------------------------------------------------------------------------
    write("zip_bomb.zip", zip_bytes([("bomb.dbf", b"\0" * (50 * 1024 * 1024))]))
    write("huge_total.zip", zip_bytes([(f"big.{ext}", b"\0" * (90 * 1024 * 1024)) for ext in ("shp", "shx", "dbf")]))
    write("too_many_members.zip", zip_bytes([(f"part{i:03d}.xml", b"<x/>") for i in range(60)]))
    write("traversal.zip", zip_bytes([("../../evil.shp", b"x"), *good_shp[1:]]))
    write("absolute_path.zip", zip_bytes([("/tmp/evil.shp", b"x")]))
    link = zipfile.ZipInfo("zones.shp", date_time=(2025, 1, 1, 0, 0, 0))
    link.create_system = 3
    link.external_attr = (0o120777 << 16)
    write("symlink.zip", zip_bytes([(link, b"/etc/passwd")]))
    write("nested.zip", zip_bytes([("inner.zip", zip_bytes(good_shp))]))
    write("nested_by_content.zip", zip_bytes([*[(n, d) for n, d in good_shp if not n.endswith(".dbf")],
                                               ("zones.dbf", zip_bytes(good_shp))]))
    vrt = ('<OGRVRTDataSource><OGRVRTLayer name="x"><SrcDataSource>/vsicurl/http://example.invalid/x.shp'
           '</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>')
    write("vrt_in_zip.zip", zip_bytes([*good_shp, ("zones.vrt", vrt)]))
    write("disguised_vrt.geojson", vrt)
    write("vsicurl_member.zip", zip_bytes([("/vsicurl/http://example.invalid/zones.shp", b"x")]))
    whole = zip_bytes(good_shp)
    write("truncated.zip", whole[: len(whole) // 2])
    write("missing_shp.zip", zip_bytes([(n, d) for n, d in good_shp if not n.endswith(".shp")]))
    write("text_as_zip.zip", "This is a meeting agenda, not a map.\n")
    write("png_as_geojson.geojson", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    write("gzip_as_geojson.geojson", b"\x1f\x8b\x08\x00" + b"\0" * 32)
    con_path = HERE / "sqlite_not_gpkg.gpkg"
    con = sqlite3.connect(con_path)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    con.commit()
    con.close()
    write("empty_file.geojson", b"")

    # --- XML attacks ---------------------------------------------------------------------------
    write("kml_billion_laughs.kml", '<?xml version="1.0"?>\n<!DOCTYPE kml [\n <!ENTITY lol "lol">\n'
          ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
          ' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n'
          '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>&lol3;</name></Document></kml>\n')
    write("kml_external_entity.kml", '<?xml version="1.0"?>\n<!DOCTYPE kml [<!ENTITY xxe SYSTEM '
          '"file:///etc/passwd">]>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>&xxe;</name>'
          '</Document></kml>\n')
    write("kml_network_link.kml", '<?xml version="1.0"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
          '<NetworkLink><Link><href>http://example.invalid/zones.kml</href></Link></NetworkLink>'
          '</Document></kml>\n')

    # --- data problems ----------------------------------------------------------------------------
    write("no_prj.zip", zip_bytes([(n, d) for n, d in good_shp if not n.endswith(".prj")]))
    write("projected_as_degrees.geojson", geojson([feature(square(X0, Y0, 2000), name="Minh Hung III")]))
    write("lines_for_zones.geojson", geojson([feature(LineString([(LON0, LAT0), (LON0 + .01, LAT0)]), name="Road A"),
                                              feature(LineString([(LON0, LAT0), (LON0, LAT0 + .01)]), name="Road B")]))
    write("points_for_zones.kml", '<?xml version="1.0"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
          + "".join(f"<Placemark><name>Gate {i}</name><Point><coordinates>{LON0 + i / 100},{LAT0},0</coordinates>"
                    "</Point></Placemark>" for i in range(2)) + "</Document></kml>\n")
    write("empty_layer.geojson", geojson([]))
    write("mixed_types.geojson", geojson([feature(square(LON0, LAT0, .01), name="Park One"),
                                          feature(Point(LON0, LAT0), name="Gate"),
                                          feature(square(LON0 + .02, LAT0, .01), name="Park Two")]))
    write("null_geometry.geojson", geojson([feature(square(LON0, LAT0, .01), name="Park One"),
                                            feature(None, name="Lost park")]))
    make_gpkg(HERE / "several_layers.gpkg", {
        "zones": gpd.GeoDataFrame({"name": ["Park"]}, geometry=[square(LON0, LAT0, .01)], crs=4326),
        "roads": gpd.GeoDataFrame({"name": ["Road"]}, geometry=[LineString([(LON0, LAT0), (LON0 + .01, LAT0)])],
                                  crs=4326)})
    make_curved_gpkg(HERE / "curved.gpkg")
    write("z_coordinates.geojson", geojson([feature({"type": "Polygon", "coordinates": [[
        [LON0, LAT0, 50], [LON0 + .01, LAT0, 51], [LON0 + .01, LAT0 + .01, 52], [LON0, LAT0 + .01, 53],
        [LON0, LAT0, 50]]]}, name="Hill park")]))
    write("self_intersecting.geojson", geojson([feature({"type": "Polygon", "coordinates": [[
        [LON0, LAT0], [LON0 + .01, LAT0 + .01], [LON0 + .01, LAT0], [LON0, LAT0 + .01], [LON0, LAT0]]]},
        name="Bow tie park")]))
    write("no_name_column.geojson", geojson([feature(square(LON0, LAT0, .01), area=12)]))

    # plots (the test zone covers LON0..LON0+0.05, LAT0..LAT0+0.05)
    def plot(i, code, **extra):
        return feature(square(LON0 + 0.001 + i * 0.004, LAT0 + 0.001, 0.003), code=code, **extra)

    write("duplicate_plot_codes.geojson", geojson([plot(0, "A-01"), plot(1, "A-02"), plot(2, "A-01")]))
    write("plots_outside_zone.geojson", geojson([plot(0, "A-01"), feature(square(LON0 + 1, LAT0, .003),
                                                                          code="FAR-9")]))
    write("unknown_land_use.geojson", geojson([plot(0, "A-01", land_use="casino")]))
    write("plots_ok.geojson", geojson([plot(0, "A-01", land_use="Đất công nghiệp", status="Đã thuê"),
                                       plot(1, "A-02", land_use="kho bãi", status="trống"),
                                       plot(2, "A-03", land_use="CX", status="")]))
    write("plots_ok_update.geojson", geojson([plot(0, "A-01", land_use="industrial", status="available"),
                                              plot(3, "A-04", land_use="services", status="reserved")]))

    # --- good files in every format ----------------------------------------------------------------
    write("vn2000_cp1258.zip", zip_bytes(shapefile_members(vn2000_zones(True), "khu_cn", encoding="ISO-8859-1",
                                                           cpg="1258")))
    write("cp1258_no_cpg.zip", zip_bytes(shapefile_members(vn2000_zones(True), "khu_cn", encoding="ISO-8859-1")))
    zones_4326 = gpd.GeoDataFrame({"name": ["Becamex Binh Phuoc", "Chon Thanh I"], "code": ["becamex", "chon-thanh-1"]},
                                  geometry=[square(LON0, LAT0, .01), square(LON0 + .02, LAT0, .01)], crs=4326)
    write("zones_ok.geojson", geojson([feature(g, name=n, code=c) for n, c, g in
                                       zip(zones_4326["name"], zones_4326["code"], zones_4326.geometry, strict=True)]))
    make_gpkg(HERE / "zones_ok.gpkg", {"zones": zones_4326})
    with tempfile.TemporaryDirectory() as folder:
        kml_path = Path(folder) / "zones.kml"
        pyogrio.write_dataframe(zones_4326[["name", "geometry"]], kml_path, driver="KML")
        write("zones_ok.kml", kml_path.read_bytes())
        write("zones_ok.kmz", zip_bytes([("doc.kml", kml_path.read_bytes())]))
    oversize = [feature(square(LON0 + i * 1e-4, LAT0, 5e-5), name=f"Zone {i}") for i in range(200)]
    write("oversize.geojson", geojson(oversize))


if __name__ == "__main__":
    main()
