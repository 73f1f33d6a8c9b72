#!/usr/bin/env python3
"""Figures of a PMTiles archive, and the bytes a client fetches for one view.

    view_bytes.py ARCHIVE [--lon 34 --lat 49.5 --zoom 6 --width 1280 --height 800]
                          [--day 2024-06-01] [--features N] [--check]

Prints, as `key: value` lines and one table:
- the header, root directory, metadata and leaf directories' sizes;
- per zoom level: tiles, their compressed bytes, the largest tile;
- for the view (256-pixel tiles, as Leaflet places them): the tiles that
  cover it, the leaf directories a client must read to find them, and the
  bytes fetched: the tiles' compressed sizes plus the header and directory
  bytes, counted two ways (the bytes needed; and as pmtiles.js reads them,
  the first 16,384 bytes in one request, then each leaf directory whole);
- the features in the view's tiles, and those shown on --day (start <= day
  <= end, a missing bound left open: the map's time rule), against those
  shown that day in the same tiles' area at the maximum zoom;
- with --check: the distinct feature ids in every tile at the archive's
  maximum zoom (and at the view's zoom), to say whether every feature is
  kept there (compare with --features, the count written to the archive).

Needs the `pmtiles` package (PyPI); reads the tiles with a small protobuf
reader of its own (feature ids and tags only).
"""
import argparse
import datetime
import gzip
import json
import math
import mmap
import sys

from pmtiles.tile import (
    Compression,
    deserialize_directory,
    deserialize_header,
    find_tile,
    tileid_to_zxy,
    zxy_to_tileid,
)

FIRST_REQUEST = 16384  # what pmtiles.js reads first: header + root directory


def varint(buf, pos):
    result = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, pos
        shift += 7


def skip(buf, pos, wire):
    """Moves past one field's value of the given wire type."""
    if wire == 0:
        return varint(buf, pos)[1]
    if wire == 2:
        size, pos = varint(buf, pos)
        return pos + size
    if wire == 1:
        return pos + 8
    if wire == 5:
        return pos + 4
    raise ValueError(f"wire type {wire}")


def fields(buf, start, end):
    """Yields (field, wire, value start, value end) of one message."""
    pos = start
    while pos < end:
        key, pos = varint(buf, pos)
        field, wire = key >> 3, key & 7
        if wire == 2:
            size, pos = varint(buf, pos)
            yield field, wire, pos, pos + size
            pos += size
        else:
            after = skip(buf, pos, wire)
            yield field, wire, pos, after
            pos = after


def value(buf, start, end):
    """One MVT Value: the number or text it holds."""
    for field, wire, a, b in fields(buf, start, end):
        if field == 1:
            return bytes(buf[a:b]).decode()
        if wire == 0:
            number = varint(buf, a)[0]
            if field == 6 and number & 1:  # sint64
                return -(number >> 1) - 1
            return number >> 1 if field == 6 else number
        return buf[a:b]
    return None


def features(tile, with_tags):
    """Yields (id, {key: value} or None) for every feature of the tile."""
    buf = gzip.decompress(tile)
    for field, _, a, b in fields(buf, 0, len(buf)):
        if field != 3:
            continue
        keys, values, layer = [], [], []
        for f, _, c, d in fields(buf, a, b):
            if f == 2:
                layer.append((c, d))
            elif f == 3 and with_tags:
                keys.append(bytes(buf[c:d]).decode())
            elif f == 4 and with_tags:
                values.append(value(buf, c, d))
        for c, d in layer:
            fid, props = None, None
            for f, _, e, g in fields(buf, c, d):
                if f == 1:
                    fid = varint(buf, e)[0]
                elif f == 2 and with_tags:
                    tags, pos = [], e
                    while pos < g:
                        n, pos = varint(buf, pos)
                        tags.append(n)
                    props = {keys[tags[i]]: values[tags[i + 1]] for i in range(0, len(tags), 2)}
            yield fid, props


class Archive:
    def __init__(self, path):
        self.file = open(path, "rb")
        self.data = mmap.mmap(self.file.fileno(), 0, access=mmap.ACCESS_READ)
        self.header = deserialize_header(self.data[0:127])
        self.directories = {}
        assert self.header["internal_compression"] == Compression.GZIP
        assert self.header["tile_compression"] == Compression.GZIP

    def metadata(self):
        h = self.header
        raw = self.data[h["metadata_offset"] : h["metadata_offset"] + h["metadata_length"]]
        return json.loads(gzip.decompress(raw))

    def directory(self, offset, length):
        key = (offset, length)
        if key not in self.directories:
            self.directories[key] = deserialize_directory(self.data[offset : offset + length])
        return self.directories[key]

    def walk(self):
        """Yields ('tile', z, x, y, length, offset) and ('leaf', length)."""
        h = self.header
        stack = [(h["root_offset"], h["root_length"], True)]
        while stack:
            offset, length, root = stack.pop()
            if not root:
                yield ("leaf", length)
            for e in self.directory(offset, length):
                if e.run_length == 0:
                    stack.append((h["leaf_directory_offset"] + e.offset, e.length, False))
                else:
                    for i in range(e.run_length):
                        z, x, y = tileid_to_zxy(e.tile_id + i)
                        yield ("tile", z, x, y, e.length, h["tile_data_offset"] + e.offset)

    def find(self, z, x, y):
        """(tile offset, length) or None, and the leaf directories read."""
        h = self.header
        tid = zxy_to_tileid(z, x, y)
        offset, length, leaves = h["root_offset"], h["root_length"], []
        for _ in range(4):
            e = find_tile(self.directory(offset, length), tid)
            if e is None:
                return None, leaves
            if e.run_length == 0:
                offset, length = h["leaf_directory_offset"] + e.offset, e.length
                leaves.append((offset, length))
            else:
                return (h["tile_data_offset"] + e.offset, e.length), leaves
        return None, leaves

    def tile(self, offset, length):
        return self.data[offset : offset + length]


def view_tiles(lon, lat, zoom, width, height, size=256):
    """The tiles Leaflet's GridLayer loads for a view of width x height pixels."""
    world = size * 2**zoom
    cx = (lon + 180) / 360 * world
    s = math.sin(math.radians(lat))
    cy = (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * world
    x0, x1 = math.floor((cx - width / 2) / size), math.ceil((cx + width / 2) / size) - 1
    y0, y1 = math.floor((cy - height / 2) / size), math.ceil((cy + height / 2) / size) - 1
    n = 2**zoom
    return [(zoom, x % n, y) for y in range(max(y0, 0), min(y1, n - 1) + 1) for x in range(x0, x1 + 1)]


def shown(props, day):
    start, end = props.get("start"), props.get("end")
    return (start is None or start <= day) and (end is None or day <= end)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("archive")
    p.add_argument("--lon", type=float, default=34.0)
    p.add_argument("--lat", type=float, default=49.5)
    p.add_argument("--zoom", type=int, default=6)
    p.add_argument("--width", type=int, default=1280)
    p.add_argument("--height", type=int, default=800)
    p.add_argument("--day", default="2024-06-01")
    p.add_argument("--features", type=int, help="features written to the archive")
    p.add_argument("--check", action="store_true")
    a = p.parse_args()
    ar = Archive(a.archive)
    h = ar.header
    size = len(ar.data)
    print(f"archive: {a.archive}")
    print(f"archive_bytes: {size}")
    print(f"zooms: {h['min_zoom']}..{h['max_zoom']}")
    print(f"header_and_root_bytes: {127 + h['root_length']}")
    print(f"metadata_bytes: {h['metadata_length']}")

    per_zoom = {}
    leaves = leaf_bytes = 0
    for item in ar.walk():
        if item[0] == "leaf":
            leaves += 1
            leaf_bytes += item[1]
            continue
        _, z, x, y, length, _ = item
        count, total, largest = per_zoom.get(z, (0, 0, 0))
        per_zoom[z] = (count + 1, total + length, max(largest, length))
    print(f"leaf_directories: {leaves} ({leaf_bytes} bytes)")
    print(f"tiles: {sum(c for c, _, _ in per_zoom.values())}")
    # tippecanoe's own count, per zoom, of what it left out of that zoom's tiles
    strategies = ar.metadata().get("strategies", [])
    print("zoom  tiles  bytes  largest_tile_bytes  tippecanoe_strategies")
    for z in sorted(per_zoom):
        c, t, m = per_zoom[z]
        left_out = strategies[z] if z < len(strategies) else {}
        said = " ".join(f"{k}={v}" for k, v in sorted(left_out.items())) or "-"
        print(f"z{z}  {c}  {t}  {m}  {said}")

    tiles = view_tiles(a.lon, a.lat, a.zoom, a.width, a.height)
    day = datetime.date.fromisoformat(a.day).toordinal() - datetime.date(1970, 1, 1).toordinal()
    found, read_leaves, tile_bytes = [], set(), 0
    for z, x, y in tiles:
        where, leaves_read = ar.find(z, x, y)
        read_leaves.update(leaves_read)
        if where:
            found.append(where)
            tile_bytes += where[1]
    leaf_read = sum(length for _, length in read_leaves)
    needed = 127 + h["root_length"] + leaf_read
    as_js = min(FIRST_REQUEST, size) + leaf_read
    print(f"view: {a.width}x{a.height} px at zoom {a.zoom}, centre {a.lon},{a.lat}")
    print(f"view_tiles_covering: {len(tiles)}")
    print(f"view_tiles_with_data: {len(found)}")
    print(f"view_tile_bytes: {tile_bytes}")
    print(f"view_leaf_directories: {len(read_leaves)} ({leaf_read} bytes)")
    print(f"view_bytes_needed: {tile_bytes + needed} (tiles + header + root + leaves)")
    print(f"view_bytes_pmtiles_js: {tile_bytes + as_js} (first {FIRST_REQUEST} bytes + leaves + tiles)")
    print(f"view_requests_pmtiles_js: {1 + len(read_leaves) + len(found)}")
    ids, on_day = set(), set()
    for offset, length in found:
        for fid, props in features(ar.tile(offset, length), True):
            ids.add(fid)
            if shown(props, day):
                on_day.add(fid)
    print(f"view_features: {len(ids)}")
    print(f"view_features_shown_on_{a.day}: {len(on_day)}")
    # The same ground at the maximum zoom, where no feature is left out: what
    # the data holds there on the day, against what the view's tiles show.
    top = h["max_zoom"]
    scale = 2 ** (top - a.zoom)
    all_on_day = set()
    for z, x, y in tiles:
        for cx in range(x * scale, (x + 1) * scale):
            for cy in range(y * scale, (y + 1) * scale):
                where, _ = ar.find(top, cx, cy)
                if where:
                    for fid, props in features(ar.tile(*where), True):
                        if shown(props, day):
                            all_on_day.add(fid)
    print(f"same_tiles_at_z{top}_shown_on_{a.day}: {len(all_on_day)}")

    if a.check:
        top = h["max_zoom"]
        for z in sorted({top, a.zoom}):
            ids = set()
            for item in ar.walk():
                if item[0] == "tile" and item[1] == z:
                    for fid, _ in features(ar.tile(item[5], item[4]), False):
                        ids.add(fid)
            print(f"distinct_features_z{z}: {len(ids)}")
            if a.features is not None and z == top:
                verdict = "yes" if len(ids) == a.features else "NO"
                print(f"every_feature_at_max_zoom: {verdict} ({len(ids)} of {a.features})")
            ids = None


if __name__ == "__main__":
    sys.exit(main())
