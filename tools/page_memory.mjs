// Chooses FILE with the page's "Import" input (in place of the bundled
// story) in headless Chromium and prints, as JSON, how long it took, the
// status, any alert, whether the progress bar showed, and the wasm memory
// after loading (README.md, Performance). The page must be served on
// 127.0.0.1:8099 and chromedriver listen on 127.0.0.1:9515; `make memory`
// does both. Usage: node tools/page_memory.mjs /absolute/path/FILE
const file = process.argv[2];
const base = "http://127.0.0.1:9515";
async function wd(method, path, body) {
  const r = await fetch(base + path, { method, headers: { "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
  const j = await r.json();
  if (j.value && j.value.error) throw new Error(JSON.stringify(j.value).slice(0, 500));
  return j.value;
}
const caps = { capabilities: { alwaysMatch: { browserName: "chrome", "goog:chromeOptions": { args: ["--headless=new", "--no-sandbox", "--window-size=1280,800", "--js-flags=--max-old-space-size=4096"] } } } };
const s = await wd("POST", "/session", caps);
const id = s.sessionId;
const js = (script, args = []) => wd("POST", `/session/${id}/execute/sync`, { script, args });
try {
  await wd("POST", `/session/${id}/url`, { url: "http://127.0.0.1:8099/" });
  for (let i = 0; i < 100; i++) { const t = await js("return document.getElementById('status').textContent"); if (/features on/.test(t)) break; await new Promise(r => setTimeout(r, 200)); }
  await js("document.querySelector('input[name=import-mode][value=replace]').click()");
  const input = await wd("POST", `/session/${id}/element`, { using: "css selector", value: "#import" });
  const el = Object.values(input)[0];
  const t0 = Date.now();
  await wd("POST", `/session/${id}/element/${el}/value`, { text: file });
  let sawProgress = false, status = "", alert = "";
  for (let i = 0; i < 1200; i++) {
    const r = await js("return [document.getElementById('status').textContent, !document.getElementById('import-progress').hidden, document.getElementById('alert').hidden ? '' : document.getElementById('alert-text').textContent]");
    sawProgress ||= r[1]; status = r[0]; alert = r[2];
    if (alert || (await js("const n = document.querySelector('#files .file-name'); return n ? n.textContent : ''")) === file.split('/').pop()) break;
    await new Promise(r => setTimeout(r, 250));
  }
  const mem = await js("const b = window.wasmBindings; return b && b.memory_bytes ? b.memory_bytes() : -1");
  console.log(JSON.stringify({ file, seconds: (Date.now() - t0) / 1000, status, alert: alert.slice(0, 300), sawProgress, wasmMemoryMB: mem / 1e6 }));
} finally {
  await wd("DELETE", `/session/${id}`);
}
