/**
 * One row of an organisation's upload: the person, what happened, when, and where. The columns
 * are the same for every kind of organisation (the template of each lists only its events); each
 * row is checked with the same field schemas as the single-person routes, so a name, ID number or
 * phone refused there is refused here with the same message.
 */
import * as z from 'zod';
import { AddressDetail, CalendarDate, CitizenId, PersonName, StreetCode } from '../api/residence.ts';
import { Phone } from '../api/identity.ts';
import { plainText } from '../api/text.ts';
import { HOUSE_CODE_PATTERN, normaliseHouseCode } from '../landlord/house.ts';
import { reportsEvent, ROW_EVENTS, type OrganisationType, type RowEvent } from './organisation.ts';
import { normaliseDateText } from './spreadsheet.ts';

/** The columns of an upload, in template order. */
export const ROW_COLUMNS = ['name', 'citizenId', 'phone', 'event', 'date', 'houseCode', 'street', 'address', 'workplace'] as const;
export type RowColumn = (typeof ROW_COLUMNS)[number];

/** Required in every row; the others depend on the event. */
export const REQUIRED_COLUMNS: readonly RowColumn[] = ['name', 'citizenId', 'phone', 'event', 'date'];

/** The most rows one upload may hold. */
export const MAX_UPLOAD_ROWS = 200_000;
/** The longest text kept of a cell (for the error file); longer cells are refused as too long. */
export const MAX_CELL_CHARS = 500;

/** Events that place the person at an address (a house code, or a street and an address). */
export const PLACING_EVENTS: readonly RowEvent[] = ['moveIn', 'moveOut'];
/** Events about work: the workplace is required. */
export const WORK_EVENTS: readonly RowEvent[] = ['hire', 'termination', 'placement'];

const Workplace = plainText({ min: 2, max: 100 });
const HouseCodeCell = z
  .string()
  .transform((text) => normaliseHouseCode(text) ?? text)
  .pipe(z.string().regex(HOUSE_CODE_PATTERN, 'validation.houseCode'));

/** A row's cells as text, by column: what a reader hands over after matching the header. */
export type RowCells = Partial<Record<RowColumn, string>>;

/** The checked row. `event` arrives as the event's key (readers map the sheet's words to keys). */
export const UploadRow = z
  .object({
    name: PersonName,
    citizenId: CitizenId,
    phone: Phone,
    event: z.enum(ROW_EVENTS, 'validation.choice'),
    date: z.string().transform(normaliseDateText).pipe(CalendarDate),
    houseCode: HouseCodeCell.optional(),
    street: StreetCode.optional(),
    address: AddressDetail.optional(),
    workplace: Workplace.optional(),
  })
  .strict();
export type UploadRow = z.output<typeof UploadRow>;

export interface RowProblem {
  field: RowColumn;
  /** An `errors:validation.*` key. */
  key: string;
}

/** Empty cells are absent, so optional columns may be left blank. */
function present(cells: RowCells): Record<string, string> {
  const out: Record<string, string> = {};
  for (const column of ROW_COLUMNS) {
    const value = cells[column]?.trim();
    if (value) out[column] = value;
  }
  return out;
}

/**
 * A row checked for an organisation of `type` on `today` (Asia/Shanghai): the row, or every
 * problem with its column. The checks that need the database (the house exists, a station serves
 * the street) are the caller's.
 */
export function checkRow(cells: RowCells, type: OrganisationType, today: string): { row: UploadRow } | { problems: RowProblem[] } {
  const parsed = UploadRow.safeParse(present(cells));
  const problems: RowProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'name') as RowColumn;
      const key = issue.code === 'invalid_type' && issue.input === undefined ? 'validation.required' : issue.message;
      if (!problems.some((p) => p.field === field)) problems.push({ field, key: key.startsWith('validation.') ? key : 'validation.invalid' });
    }
    return { problems };
  }
  const row = parsed.data;
  if (!reportsEvent(type, row.event)) problems.push({ field: 'event', key: 'validation.eventNotForOrganisation' });
  if (row.date > today) problems.push({ field: 'date', key: 'validation.futureDate' });
  if (PLACING_EVENTS.includes(row.event) && !row.houseCode && !row.address) problems.push({ field: 'address', key: 'validation.houseCodeOrAddress' });
  if (row.houseCode && (row.street || row.address)) problems.push({ field: 'houseCode', key: 'validation.houseCodeOrAddress' });
  if (WORK_EVENTS.includes(row.event) && !row.workplace) problems.push({ field: 'workplace', key: 'validation.required' });
  return problems.length > 0 ? { problems } : { row };
}

/**
 * What makes two rows the same report: the organisation, the person (by the keyed hash of the ID
 * number), the event and its date. The same row uploaded twice is recognised by this.
 */
export const reportIdentity = (citizenIdHash: string, event: RowEvent, date: string) => `${citizenIdHash}#${event}#${date}`;
