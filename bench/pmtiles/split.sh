#!/usr/bin/env bash
# A build of synthetic features -> PMTiles in two parts, for sizes where one
# tippecanoe run takes hours (docs/scale.md, "In two parts"):
#   1. zooms 0 to MAXZOOM-1, thinned to tippecanoe's tile limits
#      (routes and areas dropped by rate as points are);
#   2. zoom MAXZOOM alone, with every feature and no limit on a tile;
# then join.py puts the two in one archive (the tiles copied as stored), and
# view_bytes.py measures it.
#   bench/pmtiles/split.sh                         10,000,000 features
#   SIZES=1000000 bench/pmtiles/split.sh           other sizes
#   MAXZOOM=10 (default), OUT=target/pmtiles-split (default)
# The tippecanoe input is written once to OUT (about 2.2 GB for 10 million)
# and read by both parts, then removed; everything else as in run.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=bench/pmtiles
out=${OUT:-target/pmtiles-split}
SIZES=${SIZES:-10000000}
MAXZOOM=${MAXZOOM:-10}
if [ "$MAXZOOM" -lt 1 ]; then
  echo "split.sh: MAXZOOM must be 1 or more (zooms 0 to MAXZOOM-1, then MAXZOOM)" >&2
  exit 2
fi
mkdir -p "$out/tmp"
export TIPPECANOE_MAX_THREADS=1

# The venv with tippecanoe and pmtiles, and the troopmap to run.
. "$here/setup.sh"

# Part 1: the low zooms, thinned (every option as in run.sh, but no
# extending past the maximum zoom: the last part holds every feature).
LOW=(-l features -z$((MAXZOOM - 1)) --drop-densest-as-needed --drop-lines --drop-polygons
  --no-tiny-polygon-reduction-at-maximum-zoom --no-progress-indicator)
# Part 2: the maximum zoom alone, whole.
HIGH=(-l features -Z"$MAXZOOM" -z"$MAXZOOM" --no-feature-limit --no-tile-size-limit
  --no-tiny-polygon-reduction-at-maximum-zoom --no-progress-indicator)

seconds() { awk -v ns=$(($2 - $1)) 'BEGIN { printf "%.1f", ns / 1e9 }'; }
timed() { # timed NAME COMMAND...: GNU time's CPU and peak memory when present
  local name=$1
  shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "$name: %e s wall, %U s user, %S s system, %M KB peak memory" -a -o "$report" "$@"
  else
    "$@"
  fi
}

# tippecanoe's temporary files go under OUT, as an absolute path.
case $out in /*) tmp=$out/tmp ;; *) tmp=$PWD/$out/tmp ;; esac
export TMPDIR=$tmp

for n in $SIZES; do
  report=$out/out-$n.txt
  input=$out/input-$n.geojsonl
  # The input is gone however the build ends.
  trap 'rm -f "$input"' EXIT
  low=$out/low-$n.pmtiles
  high=$out/high-$n.pmtiles
  archive=$out/synth-$n.pmtiles
  echo "== $n features in two parts: $("$venv/bin/tippecanoe" --version 2>&1), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$report"
  echo "part 1: tippecanoe ${LOW[*]}" | tee -a "$report"
  echo "part 2: tippecanoe ${HIGH[*]}" | tee -a "$report"
  t0=$(date +%s%N)
  nice -n 19 "${troopmap[@]}" synth --features "$n" --seed 1 \
    | nice -n 19 "$venv/bin/python" $here/tile_input.py 2>"$out/counts-$n.txt" >"$input"
  t1=$(date +%s%N)
  echo "input_seconds: $(seconds "$t0" "$t1") (synth | tile_input.py, to a file)" | tee -a "$report"
  cat "$out/counts-$n.txt" | tee -a "$report"
  timed part_1 nice -n 19 "$venv/bin/tippecanoe" -o "$low" --force -t "$tmp" "${LOW[@]}" "$input" \
    2>"$out/tippecanoe-low-$n.log"
  t2=$(date +%s%N)
  echo "part_1_seconds: $(seconds "$t1" "$t2")" | tee -a "$report"
  timed part_2 nice -n 19 "$venv/bin/tippecanoe" -o "$high" --force -t "$tmp" "${HIGH[@]}" "$input" \
    2>"$out/tippecanoe-high-$n.log"
  t3=$(date +%s%N)
  echo "part_2_seconds: $(seconds "$t2" "$t3")" | tee -a "$report"
  timed join nice -n 19 "$venv/bin/python" $here/join.py "$archive" "$low" "$high" | tee -a "$report"
  t4=$(date +%s%N)
  echo "join_seconds: $(seconds "$t3" "$t4")" | tee -a "$report"
  echo "build_seconds: $(seconds "$t0" "$t4") (input, both parts and the join)" | tee -a "$report"
  rm -f "$input"
  written=$(sed -n 's/^features=//p' "$out/counts-$n.txt")
  nice -n 19 "$venv/bin/python" $here/view_bytes.py "$archive" --features "$written" --check | tee -a "$report"
done
