/** POST /api/landlord/houses/{id}/tenancies: report tenants moving in (idempotent with an Idempotency-Key). */
import { reportTenants } from '#shared/api/landlord';
import { currentInstant } from '#functions/commons/clock';
import { httpHandler } from '#functions/commons/http/handler';
import { fingerprint, idempotencyKeyOf } from '#functions/residence/idempotency';
import { reportTenants as report } from './reporting.ts';
import { occupancyView, tenancyView } from './views.ts';

export const handler = httpHandler(reportTenants, async ({ caller, params, body, event }) => {
  const key = idempotencyKeyOf(event);
  const { tenancies, house } = await report({
    caller,
    code: params.id,
    tenants: body.tenants,
    ...(key ? { idempotency: { key, fingerprint: fingerprint(body) } } : {}),
  });
  const now = currentInstant();
  return { tenancies: tenancies.map((t) => tenancyView(t, now)), occupancy: occupancyView(house) };
});
