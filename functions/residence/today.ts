/** "Now" and "today" as the residence rules read them: `now()` (shiftable in tests), Shanghai dates. */
import { now } from '#functions/commons/clock';
import { shanghaiDate, type IsoDate } from '#shared/policy/civil-time';

export const currentInstant = (): Date => new Date(now());
export const todayInShanghai = (): IsoDate => shanghaiDate(currentInstant());

/** TTL attribute value (epoch seconds) `seconds` from now. */
export const ttlIn = (seconds: number): number => Math.floor(now() / 1000) + seconds;
