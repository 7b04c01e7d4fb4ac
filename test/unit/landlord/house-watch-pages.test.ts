/** The officer's house lists: each page stays in its station's partition (and street), whatever cursor comes back. */
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '#functions/residence/pages';
import {
  housesQueryInput,
  housesStartKey,
  lateQueryInput,
  lateStartKey,
  unconfirmedQueryInput,
  unconfirmedStartKey,
} from '#functions/house-watch/pages';
import { unconfirmedRow } from '#functions/house-watch/views';

const STATION = 'datong-xinjianlu';
const CODE = 'FW7KQ3M9A2';
const TENANCY = 'ZL20261116-7KQ3M9';
const houseCursor = (station: string, street: string, index: 'gsi2' | 'gsi3' = 'gsi2') =>
  encodeCursor({
    pk: `HOUSE#${CODE}`,
    sk: 'HOUSE',
    [`${index}pk`]: index === 'gsi2' ? `STATION#${station}#HOUSES` : `OVERCAP#${station}`,
    [`${index}sk`]: `${street}#${CODE}`,
  });
const fails = (read: () => unknown) => expect(read).toThrowError(expect.objectContaining({ status: 400, fields: [expect.objectContaining({ path: 'cursor' })] }));

describe('the station’s houses', () => {
  it('reads one street by the prefix of its sort key, over capacity from the sparse index', () => {
    const input = housesQueryInput('t', { stationId: STATION, street: '140213050', overCapacity: true }, 20);
    expect(input).toMatchObject({
      IndexName: 'gsi3',
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sk)',
      ExpressionAttributeValues: { ':pk': `OVERCAP#${STATION}`, ':sk': '140213050#' },
    });
    expect(housesQueryInput('t', { stationId: STATION, overCapacity: false }, 20)).toMatchObject({ IndexName: 'gsi2', KeyConditionExpression: '#pk = :pk' });
  });

  it('takes back its own cursor', () => {
    expect(housesStartKey(houseCursor(STATION, '140213050'), { stationId: STATION, street: '140213050', overCapacity: false })).toMatchObject({ pk: `HOUSE#${CODE}` });
    expect(housesStartKey(houseCursor(STATION, '140213050', 'gsi3'), { stationId: STATION, overCapacity: true })).toMatchObject({ gsi3sk: `140213050#${CODE}` });
  });

  it('refuses a cursor of another station, another street, another list, or one edited by hand', () => {
    fails(() => housesStartKey(houseCursor('urumqi-hepinglu', '140213050'), { stationId: STATION, overCapacity: false }));
    fails(() => housesStartKey(houseCursor(STATION, '140213051'), { stationId: STATION, street: '140213050', overCapacity: false }));
    fails(() => housesStartKey(houseCursor(STATION, '140213050'), { stationId: STATION, overCapacity: true }));
    const edited = encodeCursor({ pk: 'HOUSE#FW0000000000', sk: 'HOUSE', gsi2pk: `STATION#${STATION}#HOUSES`, gsi2sk: `140213050#${CODE}` });
    fails(() => housesStartKey(edited, { stationId: STATION, overCapacity: false }));
  });
});

describe('requests nobody answered in time', () => {
  const now = '2026-11-20T04:00:00.000Z';
  const cursor = (confirmBy: string, station = STATION) =>
    encodeCursor({ pk: `TENANCY#${TENANCY}`, sk: 'TENANCY', gsi3pk: `WATCH#${station}`, gsi3sk: `${confirmBy}#${TENANCY}` });

  it('reads the watch index below now', () => {
    expect(unconfirmedQueryInput('t', STATION, now, 20)).toMatchObject({
      IndexName: 'gsi3',
      KeyConditionExpression: '#pk = :pk AND #sk < :sk',
      ExpressionAttributeValues: { ':pk': `WATCH#${STATION}`, ':sk': now },
    });
  });

  it('takes back a cursor of its range, not one of another station or of a request still in time', () => {
    expect(unconfirmedStartKey(cursor('2026-11-19T16:00:00.000Z'), STATION, now)).toMatchObject({ pk: `TENANCY#${TENANCY}` });
    fails(() => unconfirmedStartKey(cursor('2026-11-19T16:00:00.000Z', 'urumqi-hepinglu'), STATION, now));
    fails(() => unconfirmedStartKey(cursor('2026-11-21T16:00:00.000Z'), STATION, now));
  });

  it('shows the last day an answer was in time and whose answer is missing', () => {
    const house = { address: { division: '140213050', path: [], detail: '1号' }, owner: { accountId: 'a', name: '王房东', phoneMasked: '138****0000' } };
    const tenant = { name: '张三', citizenIdMasked: '1101**********1014' } as never;
    const row = unconfirmedRow({ id: TENANCY, houseId: CODE, status: 'awaitingTenant', tenant, confirmBy: '2026-11-19T16:00:00.000Z' }, house);
    expect(row).toMatchObject({ lastDay: '2026-11-19', waitingFor: 'tenant', report: 'moveIn', landlord: { name: '王房东' } });
  });
});

describe('reports filed late', () => {
  it('reads the station’s partition oldest last day first and takes back only its own keys', () => {
    expect(lateQueryInput('t', STATION, 20)).toMatchObject({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `LATE#${STATION}` }, ScanIndexForward: true });
    const own = { pk: `LATE#${STATION}`, sk: `2026-11-16#${TENANCY}#moveIn` };
    expect(lateStartKey(encodeCursor(own), STATION)).toEqual(own);
    fails(() => lateStartKey(encodeCursor({ ...own, pk: 'LATE#urumqi-hepinglu' }), STATION));
    fails(() => lateStartKey(encodeCursor({ ...own, sk: `2026-11-16#${TENANCY}#moveAround` }), STATION));
    fails(() => lateStartKey(encodeCursor({ ...own, gsi1pk: 'x' }), STATION));
  });
});
