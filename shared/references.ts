/**
 * Reference numbers and codes people read aloud, over the phone or off a door: Crockford base32
 * without I, L, O, U, so no character can be taken for another.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `length` readable characters from random values in [0, 32). */
export const readableCode = (random: readonly number[], length = 6) =>
  random
    .slice(0, length)
    .map((n) => ALPHABET[n % 32])
    .join('');

/** `<prefix><YYYYMMDD>-<six characters>`: a dated reference such as `JD20261122-7KQ3M9`. */
export const datedReference = (prefix: string, on: string, random: readonly number[]) => `${prefix}${on.replaceAll('-', '')}-${readableCode(random)}`;
