/**
 * Judging an upload's rows: the same field checks as the single-person routes (`checkRow`), then
 * the ones that need the database — a named house exists, a station serves a named street — and
 * where the row's report belongs (its pack and station). Rows come a chunk at a time: the houses a
 * chunk names are read in one batch, and what was read (houses, stations) is kept for the rows
 * after it, so a file of 100,000 rows at a few addresses reads each address once.
 */
import type { PlaceView } from '#shared/api/residence';
import type { OrganisationType } from '#shared/agency/organisation';
import { checkRow, reportIdentity, type RowCells, type RowProblem, type UploadRow } from '#shared/agency/rows';
import { houseAddressDetail } from '#shared/landlord/house';
import { packById, packForDivision } from '#shared/policy/registry';
import type { PolicyPack } from '#shared/policy/schema';
import { readItems } from '#functions/commons/batch-read';
import { keyedHash } from '#functions/commons/pii';
import { houseKey, type HouseItem } from '#functions/landlord/items';
import { divisionPath } from '#functions/policy/divisions';
import { stationFor } from '#functions/residence/places';
import type { OrganisationItem } from './items.ts';

/** Where a row's report belongs. */
export interface RowPlace {
  /** The address the row names (a house's, or its street and address); absent when it names none. */
  place?: PlaceView;
  houseCode?: string;
  pack: PolicyPack;
  /** The station that serves the place (none for an organisation address no station serves). */
  stationId?: string;
}

export type JudgedRow =
  | { ok: false; problems: RowProblem[] }
  | { ok: true; row: UploadRow; citizenIdHash: string; identity: string; place: RowPlace };

export interface RowsContext {
  readonly orgType: OrganisationType;
  /** Every row of a chunk judged, in order. */
  judge(rows: readonly RowCells[]): Promise<JudgedRow[]>;
}

type HouseFacts = Pick<HouseItem, 'id' | 'address' | 'building' | 'unit' | 'room' | 'packId' | 'stationId'>;
const HOUSE_ATTRIBUTES = ['id', 'address', 'building', 'unit', 'room', 'packId', 'stationId'] as const;
/** Houses kept between chunks; past this many the cache starts afresh (memory stays flat however many houses a file names). */
const HOUSE_CACHE_LIMIT = 20_000;

/** The rows of `org`'s uploads, judged on `today` (Asia/Shanghai). */
export function rowsContext(org: Pick<OrganisationItem, 'type' | 'address' | 'stationId'>, today: string): RowsContext {
  /** A house by code; null when no house has the code. */
  const houses = new Map<string, HouseFacts | null>();
  /** The station of a county (a street's first six digits), as `stationFor` finds it. */
  const stations = new Map<string, Promise<string | undefined>>();
  const ownPlace: RowPlace = { pack: packForDivision(org.address.division), ...(org.stationId ? { stationId: org.stationId } : {}) };

  const stationOf = (street: string) => {
    const county = street.slice(0, 6);
    let station = stations.get(county);
    if (!station) stations.set(county, (station = stationFor(street).then((s) => s?.id)));
    return station;
  };

  async function readHouses(rows: readonly UploadRow[]): Promise<void> {
    const missing = [...new Set(rows.flatMap((r) => (r.houseCode && !houses.has(r.houseCode) ? [r.houseCode] : [])))];
    if (missing.length === 0) return;
    if (houses.size + missing.length > HOUSE_CACHE_LIMIT) houses.clear();
    const found = await readItems<HouseFacts>(missing.map(houseKey), { attributes: HOUSE_ATTRIBUTES });
    for (const code of missing) houses.set(code, null);
    for (const house of found) houses.set(house.id, house);
  }

  async function placeOf(row: UploadRow): Promise<{ place: RowPlace } | { problems: RowProblem[] }> {
    if (row.houseCode) {
      const house = houses.get(row.houseCode);
      if (!house) return { problems: [{ field: 'houseCode', key: 'validation.unknownHouse' }] };
      return {
        place: {
          place: { ...house.address, detail: houseAddressDetail(house) },
          houseCode: house.id,
          pack: packById(house.packId),
          stationId: house.stationId,
        },
      };
    }
    if (row.street) {
      const path = await divisionPath(row.street);
      if (!path) return { problems: [{ field: 'street', key: 'validation.unknownDivision' }] };
      const stationId = await stationOf(row.street);
      if (!stationId) return { problems: [{ field: 'street', key: 'validation.noStation' }] };
      return { place: { place: { division: row.street, path, detail: row.address ?? '' }, pack: packForDivision(row.street), stationId } };
    }
    // An address without a street is in the organisation's own division.
    if (row.address) return { place: { ...ownPlace, place: { ...org.address, detail: row.address } } };
    return { place: ownPlace };
  }

  return {
    orgType: org.type,
    async judge(cells) {
      const checked = cells.map((c) => checkRow(c, org.type, today));
      await readHouses(checked.flatMap((c) => ('row' in c ? [c.row] : [])));
      const judged: JudgedRow[] = [];
      for (const c of checked) {
        if (!('row' in c)) {
          judged.push({ ok: false, problems: c.problems });
          continue;
        }
        const placed = await placeOf(c.row);
        if ('problems' in placed) {
          judged.push({ ok: false, problems: placed.problems });
          continue;
        }
        const citizenIdHash = await keyedHash('citizenId', c.row.citizenId);
        judged.push({ ok: true, row: c.row, citizenIdHash, identity: reportIdentity(citizenIdHash, c.row.event, c.row.date), place: placed.place });
      }
      return judged;
    },
  };
}
