/**
 * Permit items written straight to the table, as issuing stores them, for the daily job's tests and
 * benchmarks: a permit issued on a given day under a pack, in the sweep index at its next sweep day.
 */
import { randomUUID } from 'node:crypto';
import { permitKey, permitSweepKeys, type PermitItem } from '#functions/permit/items';
import { permitNumber } from '#shared/permit/lifecycle';
import { issuedClock, nextSweepDay, type PermitClock } from '#shared/permit/schedule';
import type { IsoDate } from '#shared/policy/civil-time';
import { packById } from '#shared/policy/registry';
import type { Duration, PackId } from '#shared/policy/schema';

/** A city and a station of each pack the suites use (the seeded stations). */
export const PERMIT_CITIES: Record<'national' | 'liaoning' | 'datong', { code: string; name: string; division: string; station: string }> = {
  national: { code: '4403', name: '深圳市', division: '440304001', station: 'shenzhen-futian' },
  liaoning: { code: '2101', name: '沈阳市', division: '210102001', station: 'shenyang-taiyuanjie' },
  datong: { code: '1402', name: '大同市', division: '140213050', station: 'datong-xinjianlu' },
};

export interface PermitSpec {
  accountId: string;
  holderName: string;
  packId: keyof typeof PERMIT_CITIES;
  issuedOn: IsoDate;
  validity?: Duration;
  /** Changes to the issued clock (a reported departure, an endorsement). */
  clock?: Partial<PermitClock>;
  /** Makes the permit number unique among the suite's permits. */
  serial: number;
  id?: string;
}

export function permitItemOf(spec: PermitSpec): PermitItem {
  const city = PERMIT_CITIES[spec.packId];
  const id = spec.id ?? randomUUID();
  const clock = { ...issuedClock(spec.issuedOn, spec.validity), ...spec.clock };
  const nextSweepOn = nextSweepDay(packById(spec.packId), clock, spec.issuedOn);
  const issuedAt = `${spec.issuedOn}T02:00:00.000Z`;
  const digits = Array.from({ length: 6 }, (_, i) => Math.floor(spec.serial / 32 ** (5 - i)) % 32);
  return {
    ...permitKey(id),
    sk: 'PERMIT',
    id,
    number: permitNumber(city.code, spec.issuedOn, digits),
    accountId: spec.accountId,
    holder: 'self',
    holderName: spec.holderName,
    packId: spec.packId as PackId,
    stationId: city.station,
    declarationId: `DECL-${id}`,
    address: { division: city.division, path: [city.name], detail: '幸福小区 3 号楼' },
    city: { code: city.code, name: city.name },
    photo: { blobKey: `photos/${id}.jpg`, contentType: 'image/jpeg' },
    applicationId: `JZ${spec.issuedOn.replaceAll('-', '')}-${digits.join('').slice(0, 6)}`,
    endorsements: [],
    issuedAt,
    updatedAt: issuedAt,
    version: 1,
    ...clock,
    ...(nextSweepOn ? { nextSweepOn } : {}),
    ...permitSweepKeys(id, nextSweepOn),
  };
}
