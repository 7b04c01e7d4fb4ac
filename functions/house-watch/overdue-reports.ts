/**
 * GET /api/officer/overdue-reports: the station's landlord reports filed after their deadline
 * (kind=late, oldest last day first), or the confirmation requests nobody answered by their
 * deadline (kind=unconfirmed, longest waiting first), a page at a time.
 */
import { listOverdueReports, type OverdueReport } from '#shared/api/house-watch';
import { UNCONFIRMED } from '#shared/landlord/house';
import { currentInstant } from '#functions/commons/clock';
import { tableName } from '#functions/commons/environment';
import { httpHandler } from '#functions/commons/http/handler';
import type { LateReportItem } from '#functions/landlord/items';
import { stationOf } from '#functions/review/station';
import { lateQueryInput, lateStartKey, unconfirmedQueryInput, unconfirmedStartKey } from './pages.ts';
import { housesById, queryPage } from './records.ts';
import { lateRow, unconfirmedRow, type UnconfirmedSource } from './views.ts';

export const handler = httpHandler(listOverdueReports, async ({ caller, query }) => {
  const station = await stationOf(caller);
  if (query.kind === 'late') {
    const page = await queryPage<LateReportItem>(lateQueryInput(tableName(), station.id, query.limit, lateStartKey(query.cursor, station.id)));
    return { items: page.items.map(lateRow), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }
  const now = currentInstant().toISOString();
  const start = unconfirmedStartKey(query.cursor, station.id, now);
  const page = await queryPage<UnconfirmedSource>(unconfirmedQueryInput(tableName(), station.id, now, query.limit, start));
  // The index follows the tenancy a moment later: one answered meanwhile is no longer waiting.
  const waiting = page.items.filter((t): t is UnconfirmedSource & { confirmBy: string } => UNCONFIRMED.includes(t.status) && t.confirmBy !== undefined);
  const houses = await housesById(waiting.map((t) => t.houseId));
  const items: OverdueReport[] = waiting.flatMap((t) => {
    const house = houses.get(t.houseId);
    return house ? [unconfirmedRow(t, house)] : [];
  });
  return { items, ...(page.cursor ? { cursor: page.cursor } : {}) };
});
