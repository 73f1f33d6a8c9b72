// Short names for what a wasm module imports from its JavaScript glue, and
// for what it exports to the glue alone.
//
// wasm-bindgen names each function the module imports from its glue
// `__wbg_<name>_<16 hex digits>`; there are some 300, and every name is
// written twice, in the module and in the glue, where its hex digits barely
// compress. Both are renamed alike to `$0`, `$1`, ...; nothing else
// changes. So are the exports only the glue calls (the closures' shims,
// `wasm_bindgen__convert__closures_____invoke__<16 hex digits>`, and the
// `__wbindgen_` and `__externref_` helpers), to `_0`, `_1`, ...; exports
// of the Rust code's own keep their names. A glue that does not name every
// import and those exports exactly as expected is left as it is.

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined) throw new Error("a number runs past the end");
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function leb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

function readName(bytes, at) {
  const [length, start] = readLeb(bytes, at);
  const end = start + length;
  return [new TextDecoder().decode(bytes.subarray(start, end)), end];
}

function name(text) {
  const encoded = new TextEncoder().encode(text);
  return [...leb(encoded.length), ...encoded];
}

// Skips an import's description: what it is and its type.
function skipDescription(bytes, at) {
  const kind = bytes[at++];
  const limits = (from) => {
    const flags = bytes[from];
    let next = readLeb(bytes, from + 1)[1];
    if (flags & 1) next = readLeb(bytes, next)[1];
    return next;
  };
  switch (kind) {
    case 0: // function: its type's index
      return readLeb(bytes, at)[1];
    case 1: // table: element type, limits
      return limits(at + 1);
    case 2: // memory: limits
      return limits(at);
    case 3: // global: value type, mutability
      return at + 2;
    case 4: // tag: attribute, type index
      return readLeb(bytes, at + 1)[1];
    default:
      throw new Error(`an import of unknown kind ${kind}`);
  }
}

/**
 * Rewrites each entry of the section `id` of `wasm` (bytes): `entry(p)`
 * reads the entry at `p` and gives its new bytes and where it ends. Gives
 * the new module's bytes.
 */
function rewriteSection(wasm, id, entry) {
  if (!WASM_MAGIC.every((b, i) => wasm[i] === b)) throw new Error("not a wasm module");
  const parts = [wasm.subarray(0, 8)];
  let at = 8;
  while (at < wasm.length) {
    const [size, start] = readLeb(wasm, at + 1);
    const end = start + size;
    if (wasm[at] !== id) {
      parts.push(wasm.subarray(at, end));
      at = end;
      continue;
    }
    const section = [];
    let [count, p] = readLeb(wasm, start);
    section.push(...leb(count));
    for (let i = 0; i < count; i++) {
      const [bytes, next] = entry(p);
      section.push(...bytes);
      p = next;
    }
    if (p !== end) throw new Error(`section ${id} does not end where it says`);
    parts.push(Uint8Array.from([id, ...leb(section.length), ...section]));
    at = end;
  }
  return Buffer.concat(parts);
}

/**
 * Renames the imports of `wasm` (bytes) from the module `from` named in
 * `names` (a Map from old name to new). Gives the new bytes.
 */
function renameImports(wasm, from, names) {
  return rewriteSection(wasm, 2, (p) => {
    const [module, afterModule] = readName(wasm, p);
    const [field, afterField] = readName(wasm, afterModule);
    const afterDescription = skipDescription(wasm, afterField);
    const renamed = module === from && names.has(field) ? names.get(field) : field;
    return [[...name(module), ...name(renamed), ...wasm.subarray(afterField, afterDescription)], afterDescription];
  });
}

/**
 * Renames the exports of `wasm` (bytes) named in `names` (a Map from old
 * name to new). Gives the new bytes.
 */
function renameExports(wasm, names) {
  return rewriteSection(wasm, 7, (p) => {
    const [field, afterField] = readName(wasm, p);
    // What it is (one byte) and its index.
    const afterDescription = readLeb(wasm, afterField + 1)[1];
    return [[...name(names.get(field) ?? field), ...wasm.subarray(afterField, afterDescription)], afterDescription];
  });
}

/**
 * Gives the glue `code` and the module `wasm` with short import names, or
 * `null` when they cannot be renamed safely.
 */
export function shortenImports(code, wasm) {
  try {
    return shorten(code, wasm);
  } catch (error) {
    console.error(`imports.mjs: ${error.message}`);
    return null;
  }
}

function shorten(code, wasm) {
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasm));
  const own = imports.filter((i) => i.kind === "function" && /^__wbg_|^__wbindgen_/.test(i.name));
  const modules = new Set(own.map((i) => i.module));
  if (modules.size !== 1) return null;
  const [from] = modules;
  const names = new Map();
  let renamed = code;
  for (const { name: old } of own) {
    if (names.has(old)) continue;
    const short = `$${names.size.toString(36)}`;
    const pattern = new RegExp(`(?<![\\w$])${old.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
    const uses = renamed.match(pattern)?.length ?? 0;
    // Each is named once, as a key of the imports object.
    if (uses !== 1 || renamed.includes(short)) return null;
    renamed = renamed.replace(pattern, short);
    names.set(old, short);
  }
  // The glue's own exports too (`wasm_bindgen__convert__closures_…` and
  // the like, the glue's alone to call), to `_0`, `_1`, …
  const exports = new Map();
  for (const { name: old } of WebAssembly.Module.exports(new WebAssembly.Module(wasm))) {
    if (!/^(wasm_bindgen__|__wbindgen_|__externref_)/.test(old)) continue;
    const short = `_${exports.size.toString(36)}`;
    const pattern = new RegExp(`(?<![\\w$])${old}(?![\\w$])`, "g");
    if (!pattern.test(renamed) || new RegExp(`(?<![\\w$])${short}(?![\\w$])`).test(renamed)) return null;
    renamed = renamed.replace(pattern, short);
    exports.set(old, short);
  }
  const out = renameExports(renameImports(wasm, from, names), exports);
  return { code: renamed, wasm: out, count: names.size + exports.size };
}
