import { normaliseHouseCode } from '#shared/landlord/house';

/**
 * The house code in what a tenant typed, pasted or a camera read: the code itself in any case, with
 * spaces or dashes (`fw 7kq3 m9a2`), or the poster's link (`https://…/house/FW7KQ3M9A2`). Undefined
 * when it holds no house code.
 */
export function houseCodeFrom(text: string): string | undefined {
  const trimmed = text.trim();
  const linked = /\/house\/([^/?#\s]+)/i.exec(trimmed);
  if (linked) return normaliseHouseCode(decodeURIComponent(linked[1]!));
  return normaliseHouseCode(trimmed);
}
