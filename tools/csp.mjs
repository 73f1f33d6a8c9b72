// Trunk post-build hook: moves the inline script Trunk writes into
// index.html to its own file, and declares the page's Content-Security-Policy,
// which allows no inline script and no other origin, except the optional
// OpenStreetMap tiles.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("csp.mjs: TRUNK_STAGING_DIR is not set; run it as a Trunk hook");
  process.exit(1);
}
const page = join(dir, "index.html");
let html = readFileSync(page, "utf8");

const inline = /<script type="module">([\s\S]*?)<\/script>/;
const found = html.match(inline);
if (!found) {
  console.error("csp.mjs: Trunk's inline start-up script was not found in index.html");
  process.exit(1);
}
writeFileSync(join(dir, "start.js"), found[1].trim() + "\n");
// Beside the page's other files: under the public URL it is built for
// (`trunk build --public-url /troopmap/` for a map served there).
const base = process.env.TRUNK_PUBLIC_URL || "/";
const script = `${base.endsWith("/") ? base : base + "/"}start.js`;
html = html.replace(inline, `<script type="module" src="${script}"></script>`);

// Any other inline script would be blocked by the policy below and logged as
// a violation on every load: refuse the build instead. Trunk's live reload is
// one (`trunk serve` without `no_autoreload`, which Trunk.toml sets).
const left = html.match(/<script(?![^>]*\ssrc=)[^>]*>/);
if (left) {
  console.error(
    `csp.mjs: index.html still holds an inline script (${left[0]}), which the ` +
      "Content-Security-Policy blocks; if it is Trunk's live reload, serve with " +
      "no_autoreload (Trunk.toml [serve]) or --no-autoreload",
  );
  process.exit(1);
}

// No frame-ancestors (which a <meta> policy could not set anyway): the map
// may be embedded in other sites' pages (README, "Embed").
const policy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: https://tile.openstreetmap.org",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
html = html.replace(
  '<meta charset="utf-8">',
  `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${policy}">`,
);
writeFileSync(page, html);
