/**
 * The people an organisation reported: the record a committed row becomes, and how the
 * organisation sees it (ID and phone numbers masked). A record's key is the organisation, the
 * person, the event and its date, so the same row uploaded again finds it and writes nothing.
 */
import type { ReportedPerson } from '#shared/api/agency';
import type { OrganisationType } from '#shared/agency/organisation';
import { organisationReportTiming } from '#shared/agency/reporting';
import type { UploadRow } from '#shared/agency/rows';
import { maskPhone } from '#shared/identity/masking';
import type { WorkingCalendar } from '#shared/policy/calendar';
import { maskCitizenId } from '#shared/residence/citizen-id';
import { keyedHash } from '#functions/commons/pii';
import { reportRecord } from '#functions/landlord/records';
import { reportView } from '#functions/landlord/views';
import { partitionStartKey, type QueuePartition, type StartKey } from '#functions/review/queue-page';
import { organisationPeoplePartition, reportKey, stationReportsPartition, type ReportItem } from './items.ts';
import type { RowPlace } from './rows-context.ts';

/** The record of a valid row, filed at `filedAt` (when its batch is written): the pack's deadlines judged then. */
export async function reportItem(input: {
  orgId: string;
  orgType: OrganisationType;
  uploadId: string;
  /** The row's number in the sheet. */
  row: number;
  judged: { row: UploadRow; citizenIdHash: string; identity: string; place: RowPlace };
  filedAt: Date;
  calendar: WorkingCalendar;
}): Promise<ReportItem> {
  const { orgId, judged, filedAt } = input;
  const { row, place } = judged;
  const key = reportKey(orgId, judged.identity);
  const filed = filedAt.toISOString();
  const timing = organisationReportTiming(place.pack, input.orgType, row.event, row.date, { filedAt, calendar: input.calendar });
  return {
    ...key,
    orgId,
    orgType: input.orgType,
    name: row.name,
    citizenIdHash: judged.citizenIdHash,
    citizenIdMasked: maskCitizenId(row.citizenId),
    phoneHash: await keyedHash('phone', row.phone),
    phoneMasked: maskPhone(row.phone),
    event: row.event,
    date: row.date,
    ...(place.place ? { place: place.place } : {}),
    ...(place.houseCode ? { houseCode: place.houseCode } : {}),
    ...(row.workplace ? { workplace: row.workplace } : {}),
    packId: place.pack.id,
    ...(place.stationId ? { stationId: place.stationId } : {}),
    report: reportRecord(place.pack, timing, filedAt),
    filedAt: filed,
    uploadId: input.uploadId,
    row: input.row,
    gsi1pk: organisationPeoplePartition(orgId),
    gsi1sk: `${filed}#${key.sk}`,
    ...(place.stationId ? { gsi2pk: stationReportsPartition(place.stationId), gsi2sk: `${row.date}#${orgId}#${key.sk}` } : {}),
  };
}

export const reportedPersonView = (r: ReportItem): ReportedPerson => ({
  id: r.sk,
  name: r.name,
  citizenId: r.citizenIdMasked,
  phone: r.phoneMasked,
  event: r.event,
  date: r.date,
  ...(r.place ? { place: r.place } : {}),
  ...(r.houseCode ? { houseCode: r.houseCode } : {}),
  ...(r.workplace ? { workplace: r.workplace } : {}),
  packId: r.packId,
  report: reportView(r.report),
  ...(r.tenancyId ? { tenancyId: r.tenancyId } : {}),
  filedAt: r.filedAt,
  uploadId: r.uploadId,
  row: r.row,
});

export const REPORTED_PERSON_ATTRIBUTES = [
  'pk',
  'sk',
  'name',
  'citizenIdMasked',
  'phoneMasked',
  'event',
  'date',
  'place',
  'houseCode',
  'workplace',
  'packId',
  'report',
  'tenancyId',
  'filedAt',
  'uploadId',
  'row',
] as const satisfies readonly (keyof ReportItem)[];

export const peoplePartition = (orgId: string): QueuePartition => ({ index: 'gsi1', partitionKey: organisationPeoplePartition(orgId) });

const FILED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const IDENTITY = /^[\w-]{43}#[a-zA-Z]+#\d{4}-\d{2}-\d{2}$/;

/** `<filedAt>#<record's sort key>` of the organisation's own partition → the record's key. */
export function peopleStartKey(cursor: string | undefined, orgId: string): StartKey | undefined {
  return partitionStartKey(cursor, peoplePartition(orgId), (sortKey) => {
    const split = sortKey.indexOf('#');
    const filedAt = sortKey.slice(0, split);
    const identity = sortKey.slice(split + 1);
    return split > 0 && FILED_AT.test(filedAt) && IDENTITY.test(identity) ? reportKey(orgId, identity) : undefined;
  });
}
