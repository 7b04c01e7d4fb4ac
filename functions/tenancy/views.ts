/**
 * Houses and tenancies as the tenant sees them: the house's address and station, the landlord by
 * surname only, and the tenancy without the tenant's own masked numbers (they are the caller's).
 */
import type { HouseForTenant, TenantTenancy } from '#shared/api/landlord';
import { maskName } from '#shared/identity/masking';
import type { HouseItem, TenancyItem } from '#functions/landlord/items';
import { tenancyView } from '#functions/landlord/views';

export const houseForTenant = (h: HouseItem): HouseForTenant => ({
  id: h.id,
  address: h.address,
  ...(h.building ? { building: h.building } : {}),
  ...(h.unit ? { unit: h.unit } : {}),
  ...(h.room ? { room: h.room } : {}),
  type: h.type,
  packId: h.packId,
  station: { id: h.stationId, name: h.stationName },
  landlordMasked: maskName(h.owner.name),
});

/** What the caller may do with a tenancy reported for them. */
export interface Standing {
  canConfirm: boolean;
  needsProfile: boolean;
}

export function tenantTenancyView(t: TenancyItem, h: HouseItem, standing: Standing, now: Date): TenantTenancy {
  const { tenant: _tenant, ...view } = tenancyView(t, now);
  return { ...view, house: houseForTenant(h), ...standing };
}
