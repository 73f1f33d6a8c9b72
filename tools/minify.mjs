// Trunk post-build hook: minifies the JavaScript that wasm-bindgen writes
// beside each wasm module (troopmap-*.js), which Trunk's own minifier
// cannot read. It is part of what every visitor downloads before the map
// shows; names of exports stay as they are. The page's integrity hashes of
// the files minified are written anew.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

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
  const code = readFileSync(path, "utf8");
  const out = await minify(code, { module: true, compress: true, mangle: true });
  if (!out.code) {
    console.error(`minify.mjs: ${name} could not be minified`);
    process.exit(1);
  }
  writeFileSync(path, out.code);
  const digest = createHash("sha384").update(out.code).digest("base64");
  const preload = new RegExp(`(href="/?${name.replace(/[.]/g, "[.]")}"[^>]*integrity=")sha384-[^"]*`, "g");
  html = html.replace(preload, `$1sha384-${digest}`);
}
writeFileSync(page, html);
