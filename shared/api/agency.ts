/**
 * Organisations' bulk reports (POLICY.md section 3): employers, housing and job agencies, market
 * operators and construction sites upload the people they hire, house or place as an Excel or CSV
 * file. An upload is checked first (a dry run that writes nothing), then committed; every row is
 * judged against the pack of its address. The upload and status routes also accept the
 * organisation's API key (`X-Api-Key`) instead of a signed-in user.
 */
import * as z from 'zod';
import { ORGANISATION_TYPES, ROW_EVENTS } from '#shared/agency/organisation';
import { ROW_COLUMNS } from '#shared/agency/rows';
import { PACK_IDS } from '#shared/policy/schema';
import { ReportView } from './landlord.ts';
import { Cursor, PageLimit, PlaceView } from './residence.ts';
import { contract } from './route.ts';
import { FileName, plainText } from './text.ts';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_CONTENT_TYPE = 'text/csv';
/** What an upload may be: Excel 2007+ or CSV (UTF-8 with or without BOM, or GBK/GB18030, detected). */
export const SHEET_CONTENT_TYPES = [XLSX_CONTENT_TYPE, CSV_CONTENT_TYPE] as const;
/** 100,000 rows of an .xlsx are about 5 MB, of a CSV about 8 MB; a 1 MB row must fit too. */
export const SHEET_MAX_BYTES = 50 * 1024 * 1024;

export const UPLOAD_STATUSES = ['awaitingFile', 'checking', 'checked', 'committing', 'committed', 'failed'] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

/** Why a whole upload could not be read (each is an `errors:upload.*` key). */
export const UPLOAD_FAILURES = ['notSpreadsheet', 'noHeader', 'missingColumns', 'tooManyRows', 'emptyFile', 'fileMissing', 'unreadable', 'fileChanged', 'workbookTooLarge'] as const;

export const UploadId = z.object({ id: z.string().regex(/^UP[0-9A-HJKMNP-TV-Z]{12}$/, 'validation.referenceNumber') });

export const NewUpload = z
  .object({
    fileName: FileName.regex(/\.(xlsx|csv)$/i, 'validation.sheetFileName'),
    size: z.number().int().min(1, 'validation.fileEmpty').max(SHEET_MAX_BYTES, 'validation.fileTooLarge'),
  })
  .strict();

export const UploadCounts = z.object({
  /** Data rows read so far (the header and empty rows are not counted). */
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  /** Rows repeating an earlier row of the same file (same person, event and date): not written twice. */
  duplicates: z.number().int(),
  /** Valid rows this organisation had already reported (by an earlier upload): not written again. */
  alreadyReported: z.number().int(),
  /** Valid rows reported late by the pack of their address. */
  late: z.number().int(),
  /** Records written by the commit. */
  written: z.number().int(),
});

export const RowError = z.object({
  /** The row number in the sheet, as Excel shows it. */
  row: z.number().int(),
  field: z.enum(ROW_COLUMNS),
  /** In the caller's language. */
  message: z.string(),
});

export const UploadView = z.object({
  id: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  status: z.enum(UPLOAD_STATUSES),
  createdAt: z.string(),
  /** Who made the upload: a user's display name or an API key's name. */
  createdBy: z.string(),
  format: z.enum(['xlsx', 'csv']).optional(),
  /** The CSV's character encoding as detected (`UTF-8`, `GB18030`). */
  encoding: z.string().optional(),
  progress: z.object({
    phase: z.enum(['check', 'commit']),
    /** 0–100. */
    percent: z.number().int(),
    processedRows: z.number().int(),
    totalRows: z.number().int().optional(),
  }),
  counts: UploadCounts,
  /** The first problems found (at most 20); the full list is the error file. */
  firstErrors: z.array(RowError),
  failure: z.object({ code: z.enum(UPLOAD_FAILURES), message: z.string() }).optional(),
  checkedAt: z.string().optional(),
  committedAt: z.string().optional(),
});
export type UploadView = z.infer<typeof UploadView>;

export const UploadTicket = z.object({
  upload: UploadView,
  /** PUT the file's bytes here with exactly `headers`: S3 presigned in AWS, the local server's own store locally. */
  put: z.object({ url: z.string(), method: z.literal('PUT'), headers: z.record(z.string(), z.string()), expiresAt: z.string() }),
});

export const getTemplate = contract({
  method: 'GET',
  path: '/api/agency/templates/{type}',
  access: ['agency'],
  tag: 'agency',
  summary: "The upload template (.xlsx) of a kind of organisation: headers in the caller's language, lists to choose from, an example row",
  params: z.object({ type: z.enum(ORGANISATION_TYPES, 'validation.choice') }),
  response: z.unknown(),
  contentType: XLSX_CONTENT_TYPE,
});

export const createUpload = contract({
  method: 'POST',
  path: '/api/agency/uploads',
  access: ['agency'],
  tag: 'agency',
  summary: 'Start an upload: its id and where to PUT the file; the check (a dry run that writes nothing) starts when the file arrives',
  body: NewUpload,
  response: UploadTicket,
  status: 201,
});

export const listUploads = contract({
  method: 'GET',
  path: '/api/agency/uploads',
  access: ['agency'],
  tag: 'agency',
  summary: "The organisation's uploads, newest first",
  query: z.object({ cursor: Cursor, limit: PageLimit }).strict(),
  response: z.object({ items: z.array(UploadView), cursor: z.string().optional() }),
});

export const getUpload = contract({
  method: 'GET',
  path: '/api/agency/uploads/{id}',
  access: ['agency'],
  tag: 'agency',
  summary: "An upload's progress, counts and first errors",
  params: UploadId,
  response: UploadView,
});

export const commitUpload = contract({
  method: 'POST',
  path: '/api/agency/uploads/{id}/commit',
  access: ['agency'],
  tag: 'agency',
  summary: 'Write the valid rows of a checked upload (invalid, duplicate and already reported rows are skipped); asking again changes nothing',
  params: UploadId,
  response: UploadView,
  status: 202,
});

export const getUploadErrors = contract({
  method: 'GET',
  path: '/api/agency/uploads/{id}/errors.xlsx',
  access: ['agency'],
  tag: 'agency',
  summary: "Only the failed rows of an upload as .xlsx, with an error column in the caller's language, ready to fix and upload again",
  params: UploadId,
  response: z.unknown(),
  contentType: XLSX_CONTENT_TYPE,
});

export const ReportedPerson = z.object({
  /** Stable: the same person, event and date is always the same record. */
  id: z.string(),
  name: z.string(),
  /** `110101********123X` */
  citizenId: z.string(),
  phone: z.string(),
  event: z.enum(ROW_EVENTS),
  date: z.string(),
  place: PlaceView.optional(),
  houseCode: z.string().optional(),
  workplace: z.string().optional(),
  packId: z.enum(PACK_IDS),
  /** The pack's deadlines for this report, judged when it was filed. */
  report: ReportView,
  /** The tenancy a row naming a house started or ended (the same report as a landlord's). */
  tenancyId: z.string().optional(),
  filedAt: z.string(),
  uploadId: z.string(),
  row: z.number().int(),
});
export type ReportedPerson = z.infer<typeof ReportedPerson>;

export const listPeople = contract({
  method: 'GET',
  path: '/api/agency/people',
  access: ['agency'],
  tag: 'agency',
  summary: 'The people the organisation has reported, newest report first (ID numbers masked)',
  query: z.object({ cursor: Cursor, limit: PageLimit }).strict(),
  response: z.object({ items: z.array(ReportedPerson), cursor: z.string().optional() }),
});

export const ApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the key, to tell keys apart; the key itself is shown only once. */
  prefix: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  lastUsedAt: z.string().optional(),
});

export const listApiKeys = contract({
  method: 'GET',
  path: '/api/agency/api-keys',
  access: ['agency'],
  tag: 'agency',
  summary: "The organisation's API keys (names and prefixes; never the keys)",
  response: z.object({ items: z.array(ApiKeyView) }),
});

export const createApiKey = contract({
  method: 'POST',
  path: '/api/agency/api-keys',
  access: ['agency'],
  tag: 'agency',
  summary: "Create an API key for the organisation's own systems (its administrator only); the key is in this answer and nowhere else",
  body: z.object({ name: plainText({ max: 60 }) }).strict(),
  response: z.object({ key: ApiKeyView, secret: z.string() }),
  status: 201,
});

export const revokeApiKey = contract({
  method: 'DELETE',
  path: '/api/agency/api-keys/{id}',
  access: ['agency'],
  tag: 'agency',
  summary: 'Revoke an API key (its administrator only): it stops working at once',
  params: z.object({ id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{10}$/, 'validation.invalid') }),
  response: z.object({ revoked: z.literal(true) }),
});
