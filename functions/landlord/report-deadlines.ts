/** GET /api/landlord/houses/{id}/deadlines: the deadlines of a report on a date if filed now, and the fines. */
import { reportDeadlines } from '#shared/api/landlord';
import { httpHandler } from '#functions/commons/http/handler';
import { deadlinePreview } from './reporting.ts';

export const handler = httpHandler(reportDeadlines, async ({ caller, params, query }) => deadlinePreview(caller, params.id, query));
