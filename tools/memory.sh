#!/bin/sh
# Peak memory of `troopmap validate` on the geometry-heavy files and the
# 100,000-feature synthetic file (README.md, Performance): one table row a
# file, with the peak's ratio to the file's size. Needs GNU time
# (/usr/bin/time). Usage: tools/memory.sh [TROOPMAP]  (default: the release build)
set -e
bin=${1:-target/release/troopmap}
dir=target/memory
[ -f $dir/multipoint.geojson ] && [ -f $dir/track.geojson ] || python3 tools/geometry_heavy.py $dir
[ -f $dir/synth.geojson ] || $bin synth --features 100000 > $dir/synth.geojson
echo "| file | size | peak | peak / size |"
echo "|---|---:|---:|---:|"
for f in multipoint track synth; do
  size=$(stat -c %s $dir/$f.geojson)
  /usr/bin/time -o $dir/peak -f %M $bin validate $dir/$f.geojson >/dev/null 2>&1
  peak=$(cat $dir/peak)
  awk -v f=$f -v s=$size -v p=$peak 'BEGIN { printf "| %s.geojson | %.0f MB | %.0f MB | %.1f× |\n", f, s/1e6, p*1024/1e6, p*1024/s }'
done

# The page: each file chosen with "Import" in headless Chromium (needs
# dist/, chromedriver and node).
if [ -d dist ] && command -v chromedriver >/dev/null && command -v node >/dev/null; then
  (cd dist && exec python3 -m http.server 8099 --bind 127.0.0.1 >/dev/null 2>&1) & server=$!
  chromedriver --port=9515 >/dev/null 2>&1 & driver=$!
  sleep 1
  for f in multipoint track synth; do
    node tools/page_memory.mjs "$PWD/$dir/$f.geojson" || true
  done
  kill $server $driver
fi
