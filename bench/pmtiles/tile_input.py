#!/usr/bin/env python3
"""Turn `troopmap synth` output into tippecanoe's input, a stream at a time.

Reads a GeoJSON FeatureCollection written one feature per line (as
`troopmap synth` and `troopmap export` write it) on standard input, and
writes one GeoJSON Feature per line on standard output, keeping only what
the map filters and draws by:

  id          the feature's byte offset in the input: the client fetches the
              feature's own text with `Range: bytes=id-(id+bytes-1)`
  bytes       the length of the feature's text in the input
  start, end  days since 1970-01-01, as integers (absent: no bound)
  reported    days since 1970-01-01
  kind, confidence   as written

The geometry is copied as it is. At the end it writes to standard error the
bytes read, the bytes written and the features, as `key=value` lines.
"""
import datetime
import json
import sys

EPOCH = datetime.date(1970, 1, 1).toordinal()
_days = {}


def day(value):
    """Days since 1970-01-01 of an ISO 8601 date or date-time (its day)."""
    found = _days.get(value)
    if found is None:
        found = datetime.date.fromisoformat(value[:10]).toordinal() - EPOCH
        _days[value] = found
    return found


def main():
    src = sys.stdin.buffer
    out = sys.stdout.buffer
    offset = 0
    written = 0
    features = 0
    dumps = json.JSONEncoder(separators=(",", ":")).encode
    for line in src:
        size = len(line)
        text = line.rstrip(b"\r\n")
        if text.endswith(b","):
            text = text[:-1]
        if text.startswith(b'{"type":"Feature"'):
            feature = json.loads(text)
            props = feature.get("properties") or {}
            kept = {"bytes": len(text)}
            for name in ("start", "end", "reported"):
                if isinstance(props.get(name), str):
                    kept[name] = day(props[name])
            for name in ("kind", "confidence"):
                if name in props:
                    kept[name] = props[name]
            record = {
                "type": "Feature",
                "id": offset,
                "geometry": feature.get("geometry"),
                "properties": kept,
            }
            data = dumps(record).encode() + b"\n"
            out.write(data)
            written += len(data)
            features += 1
        offset += size
    out.flush()
    sys.stderr.write(
        f"input_bytes={offset}\ntile_input_bytes={written}\nfeatures={features}\n"
    )


if __name__ == "__main__":
    main()
