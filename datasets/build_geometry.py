"""Build the world map table of unvotes.plot.vote_map from Natural Earth (kept apart from build.py).

Source: Natural Earth 1:50m Cultural Vectors, Admin 0 - Countries, version 4.1.0 (public domain,
naturalearthdata.com), as redistributed in TopoJSON by the npm package world-atlas 2.0.2
(`npm pack world-atlas@2.0.2`, ISC licence for the packaging; the committed copy is
datasets/raw/natural-earth/world-atlas-2.0.2.tgz). Members missing from the 50m set (Tuvalu) are taken from the
1:10m file of the same package. Feature ids are ISO 3166-1 numeric codes, mapped to alpha-3 with
pycountry. Antarctica is left out (no seat, and it takes a fifth of a world map).

Output: datasets/compiled/world_geometry.csv.gz, one row per vertex of every exterior ring:
iso3 (alpha-3, or "" for features with no ISO code such as Kosovo), name (Natural Earth's), ring
(number of the ring within the feature), lon, lat (degrees, rounded to 0.01; repeated points
dropped, rings simplified by Douglas-Peucker to 0.05 degree). Holes are not kept: enclaves (Lesotho, San Marino, the Holy See) are features of their
own and are drawn after the larger states that surround them.

Run: python datasets/build_geometry.py   (deterministic: same input, same bytes)
"""

import gzip
import hashlib
import io
import json
import sys
import tarfile
from pathlib import Path

import numpy as np
import pycountry

HERE = Path(__file__).resolve().parent
RAW = HERE / "raw" / "natural-earth" / "world-atlas-2.0.2.tgz"
OUT = HERE / "compiled" / "world_geometry.csv.gz"
NAMES = {"50m": "package/countries-50m.json", "10m": "package/countries-10m.json"}
FROM_10M = ("798",)  # Tuvalu (ISO numeric 798) is not in the 50m set
DROP = ("010",)  # Antarctica
#: Douglas-Peucker tolerance, degrees: 0.05 degree is a third of a pixel on a 11-inch world map at 150 dpi,
#: and keeps the file and the SVG of a map small.
TOLERANCE = 0.05


def _arcs(topo):
    """Decoded arcs (quantized, delta-encoded TopoJSON) as arrays of lon/lat."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        a = np.cumsum(np.asarray(arc, dtype=np.int64), axis=0)
        out.append(np.column_stack([a[:, 0] * sx + tx, a[:, 1] * sy + ty]))
    return out


def _ring(arcs, idx):
    pts = []
    for i in idx:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.append(a if not pts else a[1:])
    return np.concatenate(pts)


def _clip(ring, lon, keep_below):
    """Sutherland-Hodgman clip of a closed lon/lat ring to one side of the meridian `lon`."""
    inside = ring[:, 0] <= lon if keep_below else ring[:, 0] >= lon
    out = []
    for i in range(len(ring)):
        a, b = ring[i - 1], ring[i]
        ia, ib = inside[i - 1], inside[i]
        if ia != ib:
            t = (lon - a[0]) / (b[0] - a[0])
            out.append([lon, a[1] + t * (b[1] - a[1])])
        if ib:
            out.append(b)
    return np.array(out).reshape(-1, 2)


def _split_antimeridian(ring):
    """A ring that crosses the 180th meridian (lon jumps by more than 180 degrees) as rings inside -180..180."""
    d = np.diff(ring[:, 0])
    if not (np.abs(d) > 180).any():
        return [ring]
    lon = ring[:, 0] + np.r_[0, np.cumsum(np.where(d > 180, -360, np.where(d < -180, 360, 0)))]
    un = np.column_stack([lon, ring[:, 1]])
    parts = []
    for shift in (-360, 0, 360):
        r = un + [shift, 0]
        r = _clip(_clip(r, 180, True), -180, False)
        if len(r) >= 3:
            parts.append(r)
    return parts


def _simplify(ring, tol=TOLERANCE):
    """Douglas-Peucker simplification of a closed ring (tolerance in degrees), keeping at least a triangle."""
    if len(ring) <= 4:
        return ring
    far = int(np.argmax(((ring - ring[0]) ** 2).sum(axis=1)))  # split the loop at the point farthest from the start
    keep = np.zeros(len(ring), dtype=bool)
    keep[[0, far, len(ring) - 1]] = True
    stack = [(0, far), (far, len(ring) - 1)]
    while stack:
        a, b = stack.pop()
        if b - a < 2:
            continue
        p, q = ring[a], ring[b]
        seg = ring[a + 1:b]
        d = q - p
        n = np.hypot(*d)
        dist = (np.abs(d[0] * (seg[:, 1] - p[1]) - d[1] * (seg[:, 0] - p[0])) / n if n > 0
                else np.hypot(*(seg - p).T))
        i = int(np.argmax(dist))
        if dist[i] > tol:
            keep[a + 1 + i] = True
            stack += [(a, a + 1 + i), (a + 1 + i, b)]
    out = ring[keep]
    return out if len(out) >= 4 else ring


def _features(topo):
    arcs = _arcs(topo)
    for g in topo["objects"]["countries"]["geometries"]:
        polys = {"Polygon": [g.get("arcs", [])], "MultiPolygon": g.get("arcs", [])}.get(g.get("type"), [])
        rings = [part for p in polys if p for part in _split_antimeridian(_ring(arcs, p[0]))]
        yield g.get("id"), g.get("properties", {}).get("name", ""), rings


def _iso3(numeric):
    c = pycountry.countries.get(numeric=numeric) if numeric else None
    return c.alpha_3 if c else ""


def rows(tgz=RAW):
    with tarfile.open(tgz) as tar:
        topo = {k: json.load(tar.extractfile(v)) for k, v in NAMES.items()}
    feats = [(f, "50m") for f in _features(topo["50m"]) if f[0] not in DROP]
    feats += [(f, "10m") for f in _features(topo["10m"]) if f[0] in FROM_10M]
    for (num, name, rings), _ in feats:
        iso3 = _iso3(num)
        for k, ring in enumerate(rings):
            r = np.round(_simplify(ring), 2)
            keep = np.r_[True, np.any(np.diff(r, axis=0) != 0, axis=1)]
            r = r[keep]
            if len(r) < 3:
                r = np.round(ring, 2)[:1]  # a ring smaller than the grid: keep one point (a dot)
            for lon, lat in r:
                yield iso3, name, k, f"{lon:.2f}", f"{lat:.2f}"


def build(out=OUT, tgz=RAW):
    buf = io.StringIO()
    buf.write("iso3,name,ring,lon,lat\n")
    for iso3, name, k, lon, lat in rows(tgz):
        nm = f'"{name}"' if "," in name else name
        buf.write(f"{iso3},{nm},{k},{lon},{lat}\n")
    data = gzip.compress(buf.getvalue().encode("utf-8"), compresslevel=9, mtime=0)
    Path(out).write_bytes(data)
    return hashlib.sha256(data).hexdigest()


if __name__ == "__main__":
    sha = build()
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e3:.0f} kB), sha256 {sha}; "
          f"source {RAW.name} sha256 {hashlib.sha256(RAW.read_bytes()).hexdigest()}", file=sys.stderr)
