# Enlarged crops (nearest neighbour, 4x) of the saved PNGs stacked for comparison,
# plus a pixel-difference count between canvas.png and skia_fontdue.png.
import sys
from PIL import Image, ImageChops
names = ['canvas', 'skia', 'skia_fontdue', 'skia_abglyph']
ims = {n: Image.open(f'out/{n}.png').convert('RGB') for n in names}
def crop(box, tag, which=names, z=4):
    tiles = [ims[n].crop(box).resize(((box[2]-box[0])*z, (box[3]-box[1])*z), Image.NEAREST) for n in which]
    w, h = tiles[0].size
    out = Image.new('RGB', (w, (h + 6) * len(tiles)), 'white')
    for i, t in enumerate(tiles):
        out.paste(t, (0, i * (h + 6)))
    out.save(f'out/crop_{tag}.png')
    print(f'out/crop_{tag}.png', box, 'rows top->bottom:', ', '.join(which))
crop((270, 330, 450, 400), 'labels_lines')     # HQ 4/9, Coy 13/6, Sqn 25/4, dotted/dashed lines
crop((880, 300, 1060, 370), 'dashdot_circles') # dash-dot, dotted, circles
crop((40, 620, 220, 700), 'dashes_borders', ['canvas', 'skia'])
a, b = ims['canvas'], ims['skia_fontdue']
d = ImageChops.difference(a, b).convert('L')
hist = d.histogram()
tot = a.size[0] * a.size[1]
for t in (0, 8, 32, 64):
    print(f'pixels differing by > {t} (max channel-ish, L): {sum(hist[t+1:])/tot*100:.2f}%')
crop((443, 416, 500, 432), 'text_zoom', ['canvas', 'skia_fontdue', 'skia_abglyph'], z=10)
crop((500, 470, 560, 500), 'aa_zoom', ['canvas', 'skia'], z=10)  # dashed red line, circle, borders
