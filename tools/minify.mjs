// Trunk post-build hook: minifies the JavaScript that wasm-bindgen writes
// beside each wasm module (troopmap-*.js), which Trunk's own minifier
// cannot read. It is part of what every visitor downloads before the map
// shows. Before that, what each module imports from its glue, and what it
// exports for the glue alone, get short names in both (tools/imports.mjs);
// the exports the page calls by name (`main`, `memory_bytes`, …) keep
// theirs. The page's integrity hashes of the files changed are written anew.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";
import { shortenImports } from "./imports.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("minify.mjs: TRUNK_STAGING_DIR is not set; run it as a Trunk hook");
  process.exit(1);
}
const page = join(dir, "index.html");
let html = readFileSync(page, "utf8");
for (const name of readdirSync(dir)) {
  if (!/^troopmap.*\.js$/.test(name)) continue;
  const path = join(dir, name);
  let code = readFileSync(path, "utf8");
  const wasmName = name.replace(/[.]js$/, "_bg.wasm");
  const wasmPath = join(dir, wasmName);
  if (readdirSync(dir).includes(wasmName)) {
    const short = shortenImports(code, readFileSync(wasmPath));
    if (short) {
      code = short.code;
      writeFileSync(wasmPath, short.wasm);
      html = withIntegrity(html, wasmName, short.wasm);
    } else {
      console.error(`minify.mjs: the imports of ${wasmName} keep their names`);
    }
  }
  const out = await minify(code, { module: true, compress: true, mangle: true });
  if (!out.code) {
    console.error(`minify.mjs: ${name} could not be minified`);
    process.exit(1);
  }
  writeFileSync(path, out.code);
  html = withIntegrity(html, name, out.code);
}
writeFileSync(page, html);

// The page with the integrity hash of file `name` made that of `content`.
function withIntegrity(html, name, content) {
  const digest = createHash("sha384").update(content).digest("base64");
  const preload = new RegExp(`(href="/?${name.replace(/[.]/g, "[.]")}"[^>]*integrity=")sha384-[^"]*`, "g");
  return html.replace(preload, `$1sha384-${digest}`);
}
