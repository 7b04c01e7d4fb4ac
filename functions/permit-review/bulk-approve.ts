/**
 * POST /api/officer/permit-applications/approvals: approve several accepted applications, each
 * decided on its own exactly as a single approval is, so one that changed meanwhile is reported
 * and the others still go through.
 */
import { bulkApprovePermitApplications } from '#shared/api/permit';
import { httpHandler } from '#functions/commons/http/handler';
import { ApiError } from '#functions/commons/errors';
import type { Caller } from '#functions/commons/http/caller';
import { stationOf, type OfficerStation } from '#functions/review/station';
import { decideApplication } from './deciding.ts';

type Outcome = 'approved' | 'changed' | 'notFound' | 'notAllowed';

/** How a refused approval is reported: not there (or not the station's), changed meanwhile, or not approvable. */
function outcomeOf(error: ApiError): Outcome {
  if (error.status === 404 || error.code === 'not_your_station') return 'notFound';
  if (error.code === 'application_changed') return 'changed';
  return 'notAllowed';
}

async function approveOne(item: { id: string; version: number }, caller: Caller, station: OfficerStation) {
  try {
    const approved = await decideApplication(item.id, { action: 'approve', version: item.version }, caller, station);
    return { id: item.id, outcome: 'approved' as const, ...(approved.permitNumber ? { permitNumber: approved.permitNumber } : {}) };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status >= 500) throw error;
    return { id: item.id, outcome: outcomeOf(error) };
  }
}

export const handler = httpHandler(bulkApprovePermitApplications, async ({ caller, body }) => {
  const station = await stationOf(caller);
  const results = [];
  // One after another: the same holder may appear twice, and a station's batch is small.
  for (const item of body.items) results.push(await approveOne(item, caller, station));
  return { results };
});
