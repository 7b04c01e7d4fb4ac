/** The door poster's layout: an A4 page at 150 dpi, everything on the page and in order, a sharp QR code. */
import { describe, expect, it } from 'vitest';
import { create } from 'qrcode';
import { A4_150DPI, posterFileName, posterLayout, qrPlacement, wrapText } from '../../../web/src/portal/landlord/poster.ts';

/** Chinese characters one em wide, everything else half: close enough to a real font for line breaking. */
const measure = (fontSize: number) => (text: string) => [...text].reduce((width, c) => width + (/[\u2E80-\u9FFF\uFF00-\uFFEF]/.test(c) ? fontSize : fontSize / 2), 0);

describe('poster layout', () => {
  const layout = posterLayout();

  it('is A4 portrait at 150 dpi', () => {
    expect([layout.width, layout.height]).toEqual([1240, 1754]);
    expect(A4_150DPI.height / A4_150DPI.width).toBeCloseTo(297 / 210, 2);
  });

  it('puts the title in the band, then the address, the QR code, the code, the instructions and the footer, top to bottom', () => {
    const blocks = [
      layout.title.y,
      layout.band.height,
      layout.address.y,
      layout.address.y + layout.address.lineHeight * (layout.address.maxLines - 1),
      layout.qr.y,
      layout.qr.y + layout.qr.size,
      layout.code.y - layout.code.fontSize,
      layout.code.y,
      layout.scan.y,
      layout.steps.y + layout.steps.lineHeight * (layout.steps.maxLines - 1),
      layout.footer.y - layout.footer.fontSize,
      layout.footer.y,
    ];
    expect(blocks).toEqual([...blocks].sort((a, b) => a - b));
    expect(layout.footer.y).toBeLessThanOrEqual(layout.height);
  });

  it('gives the QR code most of the width, centred inside the margins', () => {
    expect(layout.qr.size).toBeGreaterThanOrEqual(layout.width * 0.6);
    expect(layout.qr.x).toBeGreaterThanOrEqual(layout.margin);
    expect(layout.qr.x * 2 + layout.qr.size).toBe(layout.width);
  });

  it('scales with the page', () => {
    const half = posterLayout(620, 877);
    expect(half.qr.size).toBe(layout.qr.size / 2);
    expect(half.textWidth).toBe(layout.textWidth / 2);
  });

  it('names the file after the house code', () => {
    expect(posterFileName('FW7KQ3M9A2')).toBe('house-FW7KQ3M9A2.png');
  });
});

describe('the QR code on the poster', () => {
  it('draws whole pixels per module with a quiet zone, for a real house link', () => {
    const modules = create('https://portal.example.cn/house/FW7KQ3M9A2', { errorCorrectionLevel: 'M' }).modules.size;
    const box = posterLayout().qr.size;
    const { moduleSize, offset } = qrPlacement(modules, box);
    expect(Number.isInteger(moduleSize)).toBe(true);
    // At 150 dpi, 20 px is over 3 mm a module: a phone reads it from across a corridor.
    expect(moduleSize).toBeGreaterThanOrEqual(20);
    expect(offset).toBeGreaterThanOrEqual(4 * moduleSize);
    expect(offset * 2 + modules * moduleSize).toBeLessThanOrEqual(box);
  });
});

describe('text on the poster', () => {
  it('breaks an address between its parts', () => {
    expect(wrapText('广东省 深圳市 福田区 华富街道 深南中路1001号 3栋2单元501室', 1060, measure(44))).toEqual([
      '广东省 深圳市 福田区 华富街道 深南中路1001号',
      '3栋2单元501室',
    ]);
  });

  it('breaks Chinese without spaces between characters, within the width', () => {
    const sentence = '用手机扫描二维码，或在“居住登记”中输入房屋编码；按提示填写，房东确认后即完成登记。';
    const lines = wrapText(sentence, 600, measure(36));
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(measure(36)(line)).toBeLessThanOrEqual(600);
    expect(lines.join('')).toBe(sentence);
  });

  it('breaks other scripts between words', () => {
    const lines = wrapText('Scan the QR code with your phone to declare your residence', 400, measure(40));
    for (const line of lines) expect(line).not.toMatch(/^\s|\s$/);
    expect(lines.join(' ')).toBe('Scan the QR code with your phone to declare your residence');
  });

  it('ends with an ellipsis past the last line allowed', () => {
    const lines = wrapText('一二三四五六七八九十一二三四五六七八九十', 200, measure(40), 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(measure(40)(lines[1]!)).toBeLessThanOrEqual(200);
  });
});
