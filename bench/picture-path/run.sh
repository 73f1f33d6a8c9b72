#!/usr/bin/env bash
# Rerun the whole measurement: size builds, bench builds, browser runs.
#   ./run.sh            everything (RUNS=3 browser runs, N=15 frames per variant)
#   ./run.sh sizes      only the size table
#   ./run.sh bench      only the browser timing (needs the bench builds)
set -euo pipefail
cd "$(dirname "$0")"
# The repository's wasm-opt (npm binaryen) and the pinned wasm-bindgen CLI.
export PATH=$HOME/.cargo/bin:$PWD/../../node_modules/.bin:$PATH
RUNS=${RUNS:-3}; N=${N:-15}
WOPT_FEATURES="--enable-bulk-memory --enable-multivalue --enable-mutable-globals --enable-nontrapping-float-to-int --enable-reference-types --enable-sign-ext"
mkdir -p out build fonts
# The text variants embed DejaVu Sans, cut to Latin-1 (Debian fonts-dejavu-core,
# PyPI fonttools).
if [ ! -f fonts/DejaVuSans-latin.ttf ]; then
  python3 -m fontTools.subset /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
    --unicodes=U+0020-007E,U+00A0-00FF --no-hinting --layout-features=kern \
    --output-file=fonts/DejaVuSans-latin.ttf
fi

# build <name> <features> [simd] [opt]  -> build/<name>/m_bg.opt.wasm + m.js
# opt: "z" (default: the size profile of Cargo.toml + wasm-opt -Oz) or "3"
# (CARGO_PROFILE_RELEASE_OPT_LEVEL=3 + wasm-opt -O3, for the speed comparison)
build() {
  local name=$1 feats=$2 simd=${3:-} opt=${4:-z}
  local tdir=target rf="" wf="$WOPT_FEATURES"
  if [ -n "$simd" ]; then tdir=$tdir-simd; rf="-C target-feature=+simd128"; wf="$wf --enable-simd"; fi
  if [ "$opt" != z ]; then tdir=$tdir-o$opt; fi
  RUSTFLAGS="$rf" CARGO_TARGET_DIR=$tdir CARGO_PROFILE_RELEASE_OPT_LEVEL=$opt \
    cargo build -q --release --target wasm32-unknown-unknown --no-default-features ${feats:+--features $feats}
  rm -rf build/$name; mkdir -p build/$name
  wasm-bindgen --target web --out-dir build/$name --out-name m $tdir/wasm32-unknown-unknown/release/skia_measure.wasm
  wasm-opt -O$opt $wf build/$name/m_bg.wasm -o build/$name/m_bg.opt.wasm
}

sizes() {
  printf "%-22s %-26s %10s %10s %10s %10s\n" variant features wasm_raw wasm_gz9 js_gz9 total_gz9 > out/sizes.txt
  for v in "empty:" "canvas:canvas" "skia:skia" "skia_png:png" "skia_fontdue:fontdue" "skia_abglyph:abglyph" \
           "skia_png_fontdue:png,fontdue" "skia_fontdue_fullfont:fontdue,fullfont" "canvas+skia+png:canvas,png" "skia_simd128:skia:simd"; do
    IFS=: read -r name feats simd <<<"$v"
    build "$name" "$feats" "$simd"
    local raw gz js
    raw=$(stat -c %s build/$name/m_bg.opt.wasm)
    gz=$(gzip -9 -c build/$name/m_bg.opt.wasm | wc -c)
    js=$(gzip -9 -c build/$name/m.js | wc -c)
    printf "%-22s %-26s %10d %10d %10d %10d\n" "$name" "${feats:-none}${simd:++simd128}" "$raw" "$gz" "$js" $((gz + js)) >> out/sizes.txt
  done
  for f in fonts/DejaVuSans-latin.ttf /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf; do
    echo "font $f raw=$(stat -c %s $f) gz9=$(gzip -9 -c $f | wc -c)" >> out/sizes.txt
  done
  cat out/sizes.txt
}

BENCH_MODS="bench_z: bench_zs:simd bench_o3: bench_o3s:simd"
bench_builds() {
  rm -rf web/pkg; mkdir -p web/pkg
  for m in $BENCH_MODS; do
    IFS=: read -r n simd <<<"$m"
    build $n canvas,pngfast,fontdue,abglyph "$simd" "$([[ $n == *o3* ]] && echo 3 || echo z)"
    cp build/$n/m_bg.opt.wasm web/pkg/${n}_bg.wasm
    sed "s/m_bg\.wasm/${n}_bg.wasm/" build/$n/m.js > web/pkg/$n.js
    echo "$n wasm raw=$(stat -c %s web/pkg/${n}_bg.wasm) gz9=$(gzip -9 -c web/pkg/${n}_bg.wasm | wc -c)"
  done | tee out/bench-builds.txt
}

bench() {
  local HP=8765 DP=9555 srv drv
  python3 -m http.server $HP --bind 127.0.0.1 -d web >/dev/null 2>&1 & srv=$!
  chromedriver --port=$DP >/dev/null 2>&1 & drv=$!
  trap 'kill $srv $drv 2>/dev/null || true' RETURN
  sleep 2
  for r in $(seq 1 $RUNS); do
    node drive.mjs http://127.0.0.1:$DP "http://127.0.0.1:$HP/index.html?n=$N" run$r $([ $r = 1 ] && echo --pngs)
  done
  node summarize.mjs out/result-run*.json | tee out/summary.txt
}

case "${1:-all}" in
  sizes) sizes ;;
  bench) bench_builds; bench ;;
  all) sizes; bench_builds; bench; python3 crops.py || echo "crops.py needs Pillow (pip install pillow)" ;;
esac
