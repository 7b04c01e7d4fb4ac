/**
 * The door poster's layout, as numbers only: an A4 page at 150 dpi (1240 × 1754 px) with the title,
 * the address, a large QR code, the printed house code and the tenant's instructions, top to bottom.
 * Kept apart from the drawing so the sizes can be checked without a canvas.
 */

/** A4 (210 × 297 mm) at 150 dots per inch. */
export const A4_150DPI = { width: 1240, height: 1754, dpi: 150 } as const;

export interface TextBlock {
  /** Baseline of the first line. */
  y: number;
  fontSize: number;
  lineHeight: number;
  maxLines: number;
}

export interface PosterLayout {
  width: number;
  height: number;
  margin: number;
  /** The coloured band across the top, with the title in it. */
  band: { height: number };
  title: TextBlock;
  address: TextBlock;
  qr: { x: number; y: number; size: number };
  code: TextBlock;
  /** "扫码申报居住登记", large, under the code. */
  scan: TextBlock;
  /** How to do it, in a line or two. */
  steps: TextBlock;
  footer: TextBlock;
  /** Width every line of text must fit in. */
  textWidth: number;
}

/** Where everything goes on a page of `width` × `height` pixels (A4 at 150 dpi unless told), top to bottom. */
export function posterLayout(width: number = A4_150DPI.width, height: number = A4_150DPI.height): PosterLayout {
  const unit = width / A4_150DPI.width;
  const px = (value: number) => Math.round(value * unit);
  const margin = px(90);
  const band = { height: px(250) };
  const title: TextBlock = { y: px(160), fontSize: px(92), lineHeight: px(110), maxLines: 1 };
  const address: TextBlock = { y: band.height + px(90), fontSize: px(44), lineHeight: px(62), maxLines: 3 };
  const qrSize = px(800);
  const qr = { x: Math.round((width - qrSize) / 2), y: address.y + address.lineHeight * (address.maxLines - 1) + px(56), size: qrSize };
  const code: TextBlock = { y: qr.y + qr.size + px(96), fontSize: px(84), lineHeight: px(100), maxLines: 1 };
  const scan: TextBlock = { y: code.y + px(100), fontSize: px(56), lineHeight: px(70), maxLines: 1 };
  const steps: TextBlock = { y: scan.y + px(70), fontSize: px(36), lineHeight: px(50), maxLines: 2 };
  const footer: TextBlock = { y: height - px(56), fontSize: px(30), lineHeight: px(40), maxLines: 1 };
  return { width, height, margin, band, title, address, qr, code, scan, steps, footer, textWidth: width - 2 * margin };
}

/**
 * A QR code of `modules` modules a side (plus the four-module quiet zone each side a scanner needs)
 * in a `box` pixels square: whole pixels per module, so no module blurs, centred in the box.
 */
export function qrPlacement(modules: number, box: number): { moduleSize: number; offset: number } {
  const moduleSize = Math.floor(box / (modules + 8));
  const drawn = moduleSize * modules;
  return { moduleSize, offset: Math.floor((box - drawn) / 2) };
}

/**
 * Text broken into lines no wider than `maxWidth` as `measure` measures them: between words (the
 * spaces of an address, of English or Uyghur), and inside a word only when it is wider than a line
 * (a Chinese sentence, which has no spaces). A line that would pass `maxLines` ends the text with an
 * ellipsis.
 */
export function wrapText(text: string, maxWidth: number, measure: (text: string) => number, maxLines = Infinity): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const joined = line ? `${line} ${word}` : word;
    if (measure(joined) <= maxWidth) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    // A word wider than a line: character by character.
    for (const character of word) {
      if (line && measure(line + character) > maxWidth) {
        lines.push(line);
        line = '';
      }
      line += character;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last.length > 0 && measure(`${last}…`) > maxWidth) last = [...last].slice(0, -1).join('');
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

/** The file the poster downloads as: `house-FW7KQ3M9A2.png`. */
export const posterFileName = (code: string) => `house-${code}.png`;
