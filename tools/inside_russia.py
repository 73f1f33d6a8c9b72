#!/usr/bin/env python3
"""Schematic routes that stay inside Russia, and checks of drawn lines.

Reads Natural Earth 1:10m admin-0 borders from the npm package world-atlas
(node_modules/world-atlas/countries-10m.json, TopoJSON; run `npm ci` first)
with the standard library only.

Lines are taken as Leaflet draws them: each segment straight in Web Mercator,
sampled every ~2 km (the same sampling as tests/borders.rs).

    python3 tools/inside_russia.py check   # the data file's routes and a few lines
    python3 tools/inside_russia.py plan [--margin KM] [--grid-margin KM]
                                           # the two schematic Far East routes
    python3 tools/inside_russia.py line '[[131.885, 43.115], [131.945, 43.798]]'
                                           # one polyline's countries and margin

`plan` searches a 0.05 degree grid for the shortest path through cells inside
Russia at least --grid-margin km from any other country, then keeps the fewest
of its cells (rounded to ROUND degrees) whose polyline keeps every sample
inside Russia and at least --margin km from any other country; two
neighbouring vertices are then merged into one grid cell where one will do.
Near a city the margin shrinks towards it (to RAMP km per km from the city;
within LAND_KM of the city a sample need only be in no other country, and may
be at sea): Blagoveshchensk sits on the Amur, so its route must come in across
the bank, not along it. Natural Earth's countries include their lakes (Khanka)
and rivers; "no country" is the sea, or a gap between two countries' borders.
"""

from __future__ import annotations

import heapq
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = ROOT / "node_modules/world-atlas/countries-10m.json"
DATA = ROOT / "assets/data/nk-deployment-2024.geojson"

EARTH_KM = 6371.0088
STEP_KM = 2.0
GRID = 0.05
ROUND = 0.05
GRID_MARGIN_KM = 30.0
SEGMENT_MARGIN_KM = 20.0
LAND_KM = 5.0
RAMP = 0.8
HOME = "Russia"
BAND = 0.1  # degrees of latitude per point-in-polygon band
TILE = 0.25  # degrees per border-distance tile

VLADIVOSTOK = (131.885, 43.115)
USSURIYSK = (131.945, 43.798)
KHABAROVSK = (135.083, 48.483)
BLAGOVESHCHENSK = (127.533, 50.25)
SERGEEVKA = (131.668647, 44.326859)
PYONGYANG = (125.738, 39.019)


# ---------------------------------------------------------------- TopoJSON


def load_countries(path: Path = COUNTRIES) -> dict[str, list]:
    """Country name -> polygons -> rings -> (lon, lat) positions."""
    if not path.exists():
        sys.exit(f"{path} is missing: run `npm ci --no-audit --no-fund` in {ROOT}")
    topo = json.loads(path.read_text())
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        out = []
        for px, py in arc:
            x += px
            y += py
            out.append((x * sx + tx, y * sy + ty))
        arcs.append(out)

    def ring(refs):
        coords: list[tuple[float, float]] = []
        for r in refs:
            pts = arcs[~r][::-1] if r < 0 else arcs[r]
            coords.extend(pts[1:] if coords else pts)
        return coords

    countries: dict[str, list] = {}
    for g in topo["objects"]["countries"]["geometries"]:
        name = (g.get("properties") or {}).get("name", "?")
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        countries.setdefault(name, []).extend([[ring(r) for r in p] for p in polys])
    return countries


class Polygon:
    """One polygon with its bounding box and edges banded by latitude."""

    def __init__(self, rings):
        self.rings = rings
        xs = [x for r in rings for x, _ in r]
        ys = [y for r in rings for _, y in r]
        self.bbox = (min(xs), min(ys), max(xs), max(ys))
        self._bands: dict[int, list] | None = None

    def _index(self):
        bands: dict[int, list] = {}
        for r in self.rings:
            for (x1, y1), (x2, y2) in zip(r, r[1:]):
                lo, hi = min(y1, y2), max(y1, y2)
                for b in range(math.floor(lo / BAND), math.floor(hi / BAND) + 1):
                    bands.setdefault(b, []).append((x1, y1, x2, y2))
        self._bands = bands

    def contains(self, x: float, y: float) -> bool:
        x0, y0, x1, y1 = self.bbox
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            return False
        if self._bands is None:
            self._index()
        inside = False
        for ax, ay, bx, by in self._bands.get(math.floor(y / BAND), ()):
            if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
                inside = not inside
        return inside


class World:
    def __init__(self):
        self.countries = {
            name: [Polygon(p) for p in polys] for name, polys in load_countries().items()
        }
        self._tiles: dict[tuple[int, int], list] | None = None

    def country_at(self, x: float, y: float) -> str | None:
        for name, polys in self.countries.items():
            if any(p.contains(x, y) for p in polys):
                return name
        return None

    def inside(self, name: str, x: float, y: float) -> bool:
        return any(p.contains(x, y) for p in self.countries[name])

    def _border_tiles(self):
        """Edges of every country, with its name, by TILE-degree tile."""
        tiles: dict[tuple[int, int], list] = {}
        for name, polys in self.countries.items():
            for p in polys:
                for r in p.rings:
                    for (x1, y1), (x2, y2) in zip(r, r[1:]):
                        for i in range(
                            math.floor(min(x1, x2) / TILE), math.floor(max(x1, x2) / TILE) + 1
                        ):
                            for j in range(
                                math.floor(min(y1, y2) / TILE),
                                math.floor(max(y1, y2) / TILE) + 1,
                            ):
                                tiles.setdefault((i, j), []).append((name, x1, y1, x2, y2))
        self._tiles = tiles

    def foreign_km(
        self,
        x: float,
        y: float,
        reach: int = 2,
        only: str | None = None,
        but: str | None = HOME,
    ) -> float:
        """Kilometres to the nearest country but `but` (any with None), or to
        the country `only`; inf beyond about `reach` tiles."""
        if self._tiles is None:
            self._border_tiles()
        kx = math.cos(math.radians(y)) * math.pi / 180 * EARTH_KM
        ky = math.pi / 180 * EARTH_KM
        best = math.inf
        ci, cj = math.floor(x / TILE), math.floor(y / TILE)
        for i in range(ci - reach, ci + reach + 1):
            for j in range(cj - reach, cj + reach + 1):
                for name, ax, ay, bx, by in self._tiles.get((i, j), ()):
                    if name == but or (only is not None and name != only):
                        continue
                    # Point-to-segment distance in a local equirectangular plane.
                    ux, uy = (bx - ax) * kx, (by - ay) * ky
                    px, py = (x - ax) * kx, (y - ay) * ky
                    uu = ux * ux + uy * uy
                    t = 0.0 if uu == 0 else max(0.0, min(1.0, (px * ux + py * uy) / uu))
                    dx, dy = px - t * ux, py - t * uy
                    d = dx * dx + dy * dy
                    if d < best:
                        best = d
        return math.sqrt(best)


# ---------------------------------------------------------------- lines


def haversine_km(a, b) -> float:
    (x1, y1), (x2, y2) = a, b
    p1, p2 = math.radians(y1), math.radians(y2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(x2 - x1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def merc_y(lat):
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def merc_lat(y):
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def samples(line):
    """(point, km it stands for) every <= STEP_KM, straight in Web Mercator."""
    out = []
    for a, b in zip(line, line[1:]):
        ya, yb = merc_y(a[1]), merc_y(b[1])

        def at(t, a=a, b=b, ya=ya, yb=yb):
            return (a[0] + (b[0] - a[0]) * t, merc_lat(ya + (yb - ya) * t))

        # The drawn rhumb line is a little longer than the great circle.
        n = max(1, math.ceil(1.1 * haversine_km(a, b) / STEP_KM))
        for i in range(n):
            t0, t1 = i / n, (i + 1) / n
            out.append((at((t0 + t1) / 2), haversine_km(at(t0), at(t1))))
    return out


def report(world: World, name: str, line) -> None:
    """Kilometres of the line in each country, the countries in the order it
    crosses them, and how close it comes to another country (from Russia), to
    China, and to land (from the sea, more than 10 km from its ends)."""
    km: dict[str, float] = {}
    runs: list[list] = []
    worst = {"another country": (math.inf, None), "China": (math.inf, None)}
    worst["land"] = (math.inf, None)
    ends = (line[0], line[-1])
    for p, w in samples(line):
        c = world.country_at(*p) or "no country"
        km[c] = km.get(c, 0.0) + w
        if runs and runs[-1][0] == c:
            runs[-1][1] += w
        else:
            runs.append([c, w])
        near = {}
        if c == HOME:
            near["another country"] = world.foreign_km(*p, reach=4)
        if c != "China":
            near["China"] = world.foreign_km(*p, reach=4, only="China")
        if c == "no country" and min(haversine_km(p, e) for e in ends) > 10.0:
            near["land"] = world.foreign_km(*p, reach=4, but=None)
        for what, d in near.items():
            if d < worst[what][0]:
                worst[what] = (d, p)
    parts = ", ".join(f"{c} {v:.0f} km" for c, v in sorted(km.items(), key=lambda kv: -kv[1]))
    for what, (d, p) in worst.items():
        if p is not None:
            frm = {"another country": "from Russia, ", "land": "from the sea, "}.get(what, "")
            closest = "inf" if math.isinf(d) else f"{d:.1f} km"
            parts += f"\n    {frm}closest to {what}: {closest} at {at(p)}"
    if len(runs) > 1:
        parts += "\n    in order: " + " > ".join(f"{c} {w:.0f} km" for c, w in runs)
    print(f"{name}: {parts}")


# ---------------------------------------------------------------- planning


class Planner:
    def __init__(self, world: World, bbox):
        self.world = world
        self.x0, self.y0, x1, y1 = bbox
        self.nx = round((x1 - self.x0) / GRID) + 1
        self.ny = round((y1 - self.y0) / GRID) + 1
        self.margin: dict[tuple[int, int], float] = {}
        for i in range(self.nx):
            for j in range(self.ny):
                x, y = self.xy((i, j))
                if world.inside(HOME, x, y):
                    self.margin[(i, j)] = world.foreign_km(x, y)

    def xy(self, c):
        return (self.x0 + c[0] * GRID, self.y0 + c[1] * GRID)

    def cell(self, p):
        return (round((p[0] - self.x0) / GRID), round((p[1] - self.y0) / GRID))

    def ok_cell(self, c, ends) -> bool:
        p = self.xy(c)
        need = required_km(GRID_MARGIN_KM, p, ends)
        if need is None:
            return c in self.margin or self.world.country_at(*p) is None
        return self.margin.get(c, -1.0) >= need

    def path(self, a, b):
        """Shortest 16-neighbour grid path from a to b through allowed cells."""
        ends = (a, b)
        start, goal = self.cell(a), self.cell(b)
        steps = [
            (di, dj)
            for di in range(-2, 3)
            for dj in range(-2, 3)
            if (di, dj) != (0, 0) and math.gcd(abs(di), abs(dj)) == 1
        ]
        dist = {start: 0.0}
        came: dict = {}
        todo = [(haversine_km(self.xy(start), b), start)]
        while todo:
            _, c = heapq.heappop(todo)
            if c == goal:
                break
            for di, dj in steps:
                n = (c[0] + di, c[1] + dj)
                if not (0 <= n[0] < self.nx and 0 <= n[1] < self.ny):
                    continue
                if not self.ok_cell(n, ends):
                    continue
                # A long step must not jump a bay or a strip of another country.
                if (abs(di), abs(dj)) != (1, 0) and (abs(di), abs(dj)) != (0, 1):
                    if not self.segment_ok(self.xy(c), self.xy(n), ends, 0.0):
                        continue
                d = dist[c] + haversine_km(self.xy(c), self.xy(n))
                if d < dist.get(n, math.inf):
                    dist[n] = d
                    came[n] = c
                    heapq.heappush(todo, (d + haversine_km(self.xy(n), b), n))
        else:
            raise SystemExit(f"no path from {a} to {b}")
        cells = [goal]
        while cells[-1] != start:
            cells.append(came[cells[-1]])
        return [a] + [self.xy(c) for c in reversed(cells[1:-1])] + [b]

    def segment_ok(self, a, b, ends, margin: float | None = None) -> bool:
        """Every sample inside Russia, and as far from other countries as
        [`required_km`] asks (right by a city, in no other country)."""
        if margin is None:
            margin = SEGMENT_MARGIN_KM
        for p, _ in samples([a, b]):
            need = required_km(margin, p, ends)
            if need is None:
                if self.world.country_at(*p) not in (None, HOME):
                    return False
                continue
            if not self.world.inside(HOME, *p):
                return False
            if need and self.world.foreign_km(*p) < need:
                return False
        return True

    def rough_ok(self, a, b, ends) -> bool:
        """A quick rejection by the grid: no sample may lie by a cell of
        Russia clearly too close to another country."""
        slack = GRID * 111.0  # km between a sample and its nearest cell, at most ~4
        for p, _ in samples([a, b]):
            need = required_km(SEGMENT_MARGIN_KM, p, ends)
            if need is None:
                continue
            # A cell outside Russia may be the coast's: left to the exact check.
            margin = self.margin.get(self.cell(p))
            if margin is not None and margin < need - slack:
                return False
        return True

    def simplify(self, path, ends):
        """The fewest path points (rounded to ROUND degrees) whose polyline
        keeps every segment ok; of those, the shortest."""

        def rnd(p):
            return tuple(round(round(v / ROUND) * ROUND, 3) for v in p)

        points = [path[0]] + [rnd(p) for p in path[1:-1]] + [path[-1]]
        # Sharing a rounded position, later points stand for earlier ones.
        best: list = [None] * len(points)
        best[0] = (0, 0.0, None)
        for i in range(len(points)):
            if best[i] is None:
                continue
            count, length, _ = best[i]
            for j in range(len(points) - 1, i, -1):
                if best[j] is not None and best[j][0] < count + 1:
                    continue
                a, b = points[i], points[j]
                if a == b or not self.rough_ok(a, b, ends) or not self.segment_ok(a, b, ends):
                    continue
                candidate = (count + 1, length + haversine_km(a, b), i)
                if best[j] is None or candidate[:2] < best[j][:2]:
                    best[j] = candidate
        if best[-1] is None:
            raise SystemExit(f"no polyline from {path[0]} to {path[-1]} keeps the margin")
        kept, k = [], len(points) - 1
        while k is not None:
            kept.append(points[k])
            k = best[k][2]
        return self.merge(kept[::-1], ends)

    def merge(self, kept, ends):
        """Replaces two neighbouring inner vertices by one grid cell where one
        keeps both segments ok (the search above only uses the path's cells)."""
        i = 1
        while i + 2 < len(kept):
            before, after = kept[i - 1], kept[i + 2]
            xs = [p[0] for p in kept[i - 1 : i + 3]]
            ys = [p[1] for p in kept[i - 1 : i + 3]]
            lo, hi = self.cell((min(xs), min(ys))), self.cell((max(xs), max(ys)))
            cells = [
                (ci, cj)
                for ci in range(lo[0], hi[0] + 1)
                for cj in range(lo[1], hi[1] + 1)
                if self.margin.get((ci, cj), -1.0)
                >= (required_km(SEGMENT_MARGIN_KM, self.xy((ci, cj)), ends) or 0.0)
            ]
            found = []
            for c in cells:
                q = tuple(round(v, 3) for v in self.xy(c))
                if (
                    self.rough_ok(before, q, ends)
                    and self.rough_ok(q, after, ends)
                    and self.segment_ok(before, q, ends)
                    and self.segment_ok(q, after, ends)
                ):
                    found.append((haversine_km(before, q) + haversine_km(q, after), q))
            if found:
                kept[i : i + 2] = [min(found)[1]]
            else:
                i += 1
        return kept


def required_km(margin: float, p, ends) -> float | None:
    """The margin a point needs: `margin`, less near a city at either end
    (none within LAND_KM, where it need only be in no other country)."""
    near = min(haversine_km(p, e) for e in ends)
    if near <= LAND_KM:
        return None
    return min(margin, RAMP * near)


def closest(world: World, line, ends, outside_km: float):
    """The sample closest to another country, ignoring those within
    `outside_km` of the cities `ends`: (km, point)."""
    worst = (math.inf, None)
    for p, _ in samples(line):
        if min(haversine_km(p, e) for e in ends) <= outside_km:
            continue
        d = world.foreign_km(*p, reach=4)
        if d < worst[0]:
            worst = (d, p)
    return worst


def at(p) -> str:
    return f"({p[0]:.3f}, {p[1]:.3f})"


def plan(world: World) -> None:
    planner = Planner(world, (126.5, 42.8, 136.5, 51.2))
    legs = {}
    for a, b in [
        (VLADIVOSTOK, USSURIYSK),
        (USSURIYSK, KHABAROVSK),
        (KHABAROVSK, BLAGOVESHCHENSK),
    ]:
        legs[(a, b)] = leg = planner.simplify(planner.path(a, b), (a, b))
        print(f"leg {at(a)} -> {at(b)}: {json.dumps([list(q) for q in leg])}")
    route_a = legs[(VLADIVOSTOK, USSURIYSK)] + legs[(USSURIYSK, KHABAROVSK)][1:]
    route_b = route_a + legs[(KHABAROVSK, BLAGOVESHCHENSK)][1:]
    cities = (VLADIVOSTOK, USSURIYSK, KHABAROVSK, BLAGOVESHCHENSK)
    for name, line in [
        ("vladivostok-khabarovsk", route_a),
        ("vladivostok-blagoveshchensk", route_b),
    ]:
        print(f"\n{name} ({len(line) - 2} intermediate vertices):")
        print(f"  {json.dumps([list(p) for p in line])}")
        margins(world, line, cities, "the cities")
        report(world, "  countries", line)


def margins(world: World, line, ends, what: str) -> None:
    for outside in (25.0, 10.0, LAND_KM):
        d, p = closest(world, line, ends, outside)
        print(
            f"  more than {outside:.0f} km from {what}, closest to another country:"
            f" {d:.1f} km at {at(p)}"
        )


def check(world: World) -> None:
    data = json.loads(DATA.read_text())
    for f in data["features"]:
        g = f.get("geometry")
        if f["properties"].get("kind") != "route" or not g:
            continue
        lines = [g["coordinates"]] if g["type"] == "LineString" else g["coordinates"]
        for line in lines:
            report(world, f["id"], [tuple(c) for c in line])
    print()
    for name, line in [
        ("Vladivostok -> Ussuriysk", [VLADIVOSTOK, USSURIYSK]),
        ("Vladivostok -> Sergeevka", [VLADIVOSTOK, SERGEEVKA]),
        ("Pyongyang -> Vladivostok", [PYONGYANG, VLADIVOSTOK]),
        ("Vladivostok -> Blagoveshchensk", [VLADIVOSTOK, BLAGOVESHCHENSK]),
    ]:
        report(world, name, line)


def main(argv):
    global GRID_MARGIN_KM, SEGMENT_MARGIN_KM
    args = list(argv[1:])
    command = args.pop(0) if args and not args[0].startswith("-") else "plan"
    line = args.pop(0) if command == "line" and args else None
    while args:
        flag = args.pop(0)
        if flag == "--margin" and args:
            SEGMENT_MARGIN_KM = float(args.pop(0))
        elif flag == "--grid-margin" and args:
            GRID_MARGIN_KM = float(args.pop(0))
        else:
            sys.exit(__doc__)
    world = World()
    if command == "plan":
        plan(world)
    elif command == "check":
        check(world)
    elif command == "line" and line is not None:
        coords = [tuple(c) for c in json.loads(line)]
        report(world, "line", coords)
        margins(world, coords, (coords[0], coords[-1]), "its ends")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
