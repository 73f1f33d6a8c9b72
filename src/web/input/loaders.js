// Loaders of the page's wasm modules that load on demand: the readers of
// KML, GPX and CSV (src/bin/readers.rs) and the extras (src/bin/extras.rs:
// popups, pictures, videos). One file, the same for every module that
// links it (wasm-bindgen copies it beside each one).

let readers;
let generation = 0;
export function load_readers() {
  if (!readers) {
    const url = new URL("troopmap-readers.js", document.baseURI);
    // After a failure, a fresh instance: a wasm module that trapped
    // cannot be called again.
    if (generation > 0) url.search = "?instance=" + generation;
    readers = import(url.href).then(async (module) => {
      await module.default();
      return module;
    });
    readers.catch(() => { readers = undefined; });
  }
  return readers;
}
export function forget_readers() {
  readers = undefined;
  generation += 1;
}

let extras;
export function load_extras() {
  if (!extras) {
    extras = import(new URL("troopmap-extras.js", document.baseURI).href).then(async (module) => {
      await module.default();
      return module;
    });
    extras.catch(() => { extras = undefined; });
  }
  return extras;
}
