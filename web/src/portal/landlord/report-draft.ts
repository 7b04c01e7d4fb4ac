import type { TenantInput } from '#shared/api/landlord';

/** One tenant row of the move-in report, as typed. */
export interface TenantDraft {
  /** Keeps a row's fields with it when an earlier row is removed. */
  key: string;
  name: string;
  citizenId: string;
  phone: string;
  moveInDate?: string;
  room: string;
}

export interface ReportDraft {
  tenants: TenantDraft[];
}

export const TENANT_FIELDS = ['name', 'citizenId', 'phone', 'moveInDate', 'room'] as const;
export type TenantField = (typeof TENANT_FIELDS)[number];

export const REPORT_STEPS = ['tenants', 'check'] as const;
export type ReportStep = (typeof REPORT_STEPS)[number];

let counter = 0;
export const emptyTenant = (moveInDate?: string): TenantDraft => ({
  key: `t${Date.now().toString(36)}${(counter++).toString(36)}`,
  name: '',
  citizenId: '',
  phone: '',
  moveInDate,
  room: '',
});

/** What the report sends for a row: trimmed, the room left out when empty. */
export const tenantInputFrom = (row: TenantDraft): TenantInput => ({
  name: row.name.trim(),
  citizenId: row.citizenId.trim(),
  phone: row.phone.trim(),
  moveInDate: row.moveInDate ?? '',
  room: row.room.trim() || undefined,
});

/**
 * A server's field error on the report (`tenants.1.citizenId`) as the row and field it belongs to;
 * undefined for any other path.
 */
export function rowFieldOf(path: string): { row: number; field: TenantField } | undefined {
  const match = /^tenants\.(\d+)\.(\w+)$/.exec(path);
  if (!match) return undefined;
  const field = match[2] as TenantField;
  return (TENANT_FIELDS as readonly string[]).includes(field) ? { row: Number(match[1]), field } : undefined;
}

/** Where the answer of a report waits for its confirmation page (it survives a reload of that page). */
export const reportedKey = (code: string) => `landlord-reported:${code}`;
