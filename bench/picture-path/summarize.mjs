// Per-run medians for each timing, the median over runs, and same-run ratios.
import { readFileSync } from 'node:fs';
const runs = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')));
const med = (a) => { const b = [...a].sort((x, y) => x - y); const n = b.length; return n % 2 ? b[(n - 1) / 2] : (b[n / 2 - 1] + b[n / 2]) / 2; };
console.log(`runs=${runs.length}, frames per variant per run=${runs[0].n} (after ${runs[0].warm} warm-up), ${runs[0].scene}`);
console.log(runs[0].ua);
for (const cfg of Object.keys(runs[0].cfg)) {
  console.log(`\n== ${cfg} ==   per-run medians (ms) | median of runs`);
  for (const k of Object.keys(runs[0].cfg[cfg].median)) {
    const v = runs.map((r) => r.cfg[cfg].median[k]);
    console.log(`${k.padEnd(28)} ${v.map((x) => x.toFixed(1).padStart(7)).join(' ')} | ${med(v).toFixed(1).padStart(7)}`);
  }
  const ratio = (a, b) => runs.map((r) => r.cfg[cfg].median[a] / r.cfg[cfg].median[b]);
  for (const [a, b] of [['skia_z.total', 'canvas.total'], ['skia_zs.total', 'canvas.total'], ['skia_o3.total', 'canvas.total'],
    ['skia_o3s.total', 'canvas.total'], ['skia_o3.total', 'skia_z.total'], ['skia_zs.total', 'skia_z.total'], ['skia_o3s.total', 'skia_o3.total'],
    ['fontdue_z.total', 'skia_z.total'], ['abglyph_z.total', 'skia_z.total'], ['fontdue_o3.total', 'skia_o3.total'], ['abglyph_o3.total', 'skia_o3.total'],
    ['png.encode_png_z', 'png.canvas_toBlob'], ['png.encode_png_o3', 'png.canvas_toBlob'], ['png.encode_png_o3s', 'png.canvas_toBlob'], ['png.png_fast_z', 'png.canvas_toBlob'], ['png.png_fast_o3', 'png.canvas_toBlob']]) {
    const v = ratio(a, b);
    console.log(`ratio ${a} / ${b}`.padEnd(60) + v.map((x) => x.toFixed(2).padStart(6)).join(' ') + ' | ' + med(v).toFixed(2));
  }
  console.log('png bytes ' + JSON.stringify(runs[0].cfg[cfg].png_bytes));
}
