// Draws the toolbar icons (a page with lines of text on a rounded square) and
// writes them as PNG files next to this script, with node:zlib only.
//
//   node extension/icons/generate.mjs
//
// icon-<size>.png is the resting icon; icon-active-<size>.png marks a page
// that holds an article. The PNGs are committed; rerun this after a change.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const VARIANTS = {
  icon: { tile: [52, 58, 68], page: [250, 248, 243], ink: [52, 58, 68] },
  'icon-active': { tile: [24, 128, 96], page: [250, 248, 243], ink: [24, 128, 96] },
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** RGBA pixels (size*size*4) to a PNG file. */
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Inside a rounded rectangle (x0, y0, x1, y1, radius r), in unit coordinates. */
function inRoundRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

// The drawing, on a 0..1 square, topmost shape last.
function shapes(size) {
  // Small icons get thicker, fewer lines so they stay legible.
  const small = size <= 16;
  const lines = small ? [0.36, 0.52, 0.68] : [0.33, 0.45, 0.57, 0.69];
  const widths = small ? [0.44, 0.44, 0.3] : [0.42, 0.42, 0.42, 0.28];
  const thick = small ? 0.085 : 0.06;
  return [
    { kind: 'tile', test: (x, y) => inRoundRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.22) },
    { kind: 'page', test: (x, y) => inRoundRect(x, y, 0.22, 0.14, 0.78, 0.86, 0.07) },
    ...lines.map((top, i) => ({
      kind: 'ink',
      test: (x, y) => inRoundRect(x, y, 0.29, top, 0.29 + widths[i], top + thick, thick / 2),
    })),
  ];
}

function draw(size, colours) {
  const rgba = Buffer.alloc(size * size * 4);
  const layers = shapes(size);
  const S = 8; // supersampling per axis
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          let colour = null;
          for (const layer of layers) if (layer.test(x, y)) colour = colours[layer.kind];
          if (colour) { r += colour[0]; g += colour[1]; b += colour[2]; a += 1; }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        // Colour averaged over covered samples (straight alpha), coverage as alpha.
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
        rgba[o + 3] = Math.round((255 * a) / (S * S));
      }
    }
  }
  return rgba;
}

for (const [name, colours] of Object.entries(VARIANTS)) {
  for (const size of SIZES) {
    const file = new URL(`./${name}-${size}.png`, import.meta.url);
    writeFileSync(file, png(size, draw(size, colours)));
  }
}
console.log(`wrote ${Object.keys(VARIANTS).length * SIZES.length} icons`);
