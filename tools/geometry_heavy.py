"""Writes the geometry-heavy files the peak-memory figures in README.md are
measured on (`make memory`):

- multipoint.geojson: one feature, a MultiPoint of 3,000,000 random
  positions (6 decimals), about 70 MB;
- track.geojson: one LineString of 1,000,000 vertices, 1 s apart, with
  togeojson's coordinateProperties.times (ISO 8601, one per vertex),
  about 44 MB.

Usage: geometry_heavy.py OUT_DIR   (the same bytes every run: seed 1)
"""
import random
import sys
from pathlib import Path

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
rng = random.Random(1)

with open(out / "multipoint.geojson", "w") as f:
    f.write('{"type":"FeatureCollection","features":[{"type":"Feature",'
            '"properties":{"name":"3 million points","start":"2024-10-08"},'
            '"geometry":{"type":"MultiPoint","coordinates":[')
    f.write(",".join(
        f"[{rng.uniform(-180, 180):.6f},{rng.uniform(-90, 90):.6f}]"
        for _ in range(3_000_000)))
    f.write("]}}]}")

n = 1_000_000
with open(out / "track.geojson", "w") as f:
    f.write('{"type":"FeatureCollection","features":[{"type":"Feature",'
            '"properties":{"name":"a million timed vertices","coordinateProperties":{"times":[')
    # 2024-10-08T00:00:00Z plus i seconds.
    def time(i):
        d, s = divmod(i, 86400)
        return f'"2024-10-{8 + d:02d}T{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}Z"'
    f.write(",".join(time(i) for i in range(n)))
    f.write(']}},"geometry":{"type":"LineString","coordinates":[')
    f.write(",".join(f"[{120 + i * 1e-5:.5f},{40 + i % 1000 * 1e-4:.5f}]" for i in range(n)))
    f.write("]}}]}")
