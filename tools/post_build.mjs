// Trunk post-build hook: Trunk runs the hooks of one stage at once, and
// both of these rewrite index.html, so they run here one after the other:
// the start-up script out of the page (csp.mjs), then the JavaScript glue
// minified and the modules' imports named short (minify.mjs).
await import("./csp.mjs");
await import("./minify.mjs");
