// Open web/index.html in headless Chromium through chromedriver, wait for
// window.__result, write it to out/result-<tag>.json and the PNGs to out/.
// usage: node drive.mjs <chromedriver-url> <page-url> <tag> [--pngs]
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const [drv, page, tag, pngs] = process.argv.slice(2);
const call = async (method, path, body) => {
  const r = await fetch(drv + path, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  const j = await r.json();
  if (j.value && j.value.error) throw new Error(JSON.stringify(j.value));
  return j.value;
};
const profile = mkdtempSync(join(tmpdir(), 'skia-measure-chrome-'));
const args = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-quic', '--window-size=1400,1000', '--user-data-dir=' + profile];
const s = await call('POST', '/session', { capabilities: { alwaysMatch: { browserName: 'chrome',
  'goog:chromeOptions': { binary: '/usr/bin/chromium', args } } } });
const sid = s.sessionId;
try {
  await call('POST', `/session/${sid}/url`, { url: page });
  let res = null;
  for (let i = 0; i < 600 && !res; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    res = await call('POST', `/session/${sid}/execute/sync`, { script: 'return window.__result ? JSON.stringify(window.__result) : null', args: [] });
  }
  if (!res) throw new Error('timeout');
  const R = JSON.parse(res);
  if (R.error) throw new Error(R.error);
  for (const k of ['png_canvas', 'png_skia', 'png_skia_fontdue', 'png_skia_abglyph']) {
    if (pngs) writeFileSync(`out/${k.slice(4)}.png`, Buffer.from(R[k], 'base64'));
    delete R[k];
  }
  writeFileSync(`out/result-${tag}.json`, JSON.stringify(R, null, 1));
  console.log(tag, R.scene);
  for (const [c, v] of Object.entries(R.cfg)) console.log(tag, c, JSON.stringify(v.median), JSON.stringify(v.png_bytes));
} finally {
  await call('DELETE', `/session/${sid}`).catch(() => {});
}
