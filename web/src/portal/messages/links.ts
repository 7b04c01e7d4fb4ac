import type { Message } from '#shared/api/residence';

/** Messages to the landlord that ask for an answer: they open the list of requests to confirm. */
const TO_CONFIRMATIONS: readonly Message['kind'][] = ['confirmationRequested'];
/** Messages to the tenant about a landlord's report they can confirm: they open that report. */
const TO_TENANCY: readonly Message['kind'][] = ['tenancyReported'];
/** Messages to the landlord about one of their houses' tenants: they open the house. */
const TO_HOUSE: readonly Message['kind'][] = ['tenantConfirmed', 'tenantDeclined'];

/** Where a message leads: the declaration, the tenancy, the house or the landlord's requests; undefined when nowhere. */
export function messageLink(message: Pick<Message, 'kind' | 'declarationId' | 'tenancyId' | 'houseId'>): string | undefined {
  if (TO_CONFIRMATIONS.includes(message.kind)) return '/houses/confirmations';
  if (TO_TENANCY.includes(message.kind) && message.tenancyId) return `/tenancies/${message.tenancyId}`;
  if (TO_HOUSE.includes(message.kind) && message.houseId) return `/houses/${message.houseId}`;
  if (message.declarationId) return `/residence/${message.declarationId}`;
  if (message.tenancyId) return `/tenancies/${message.tenancyId}`;
  if (message.houseId) return `/houses/${message.houseId}`;
  return undefined;
}
