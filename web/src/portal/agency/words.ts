/**
 * An organisation's uploads in words and numbers: the kinds of organisation, events and columns in
 * the user's language, where an upload stands, and what a commit will write.
 */
import type { TFunction } from 'i18next';
import { ORGANISATION_TYPES, type OrganisationType, type RowEvent } from '#shared/agency/organisation';
import { MAX_UPLOAD_ROWS, type RowColumn } from '#shared/agency/rows';
import { SHEET_CONTENT_TYPES, SHEET_MAX_BYTES, type UploadStatus, type UploadView } from '#shared/api/agency';
import { fileNameEnd } from '../../api/files.ts';

export const orgTypeLabel = (t: TFunction, type: OrganisationType) => t(`sheet:orgTypes.${type}`);
export const eventLabel = (t: TFunction, event: RowEvent) => t(`sheet:events.${event}`);
export const columnLabel = (t: TFunction, column: RowColumn) => t(`sheet:columns.${column}`);
export const statusLabel = (t: TFunction, status: UploadStatus) => t(`agency:statuses.${status}`);

/**
 * A row error in words: the server's message, which mostly starts with its column, as every field
 * message does in every language ("身份证号：校验位不正确"); when it does not, the column in front of it.
 */
export function rowErrorText(t: TFunction, error: Pick<UploadView['firstErrors'][number], 'field' | 'message'>): string {
  const column = columnLabel(t, error.field);
  return error.message.startsWith(column) ? error.message : t('agency:upload.errorLine', { column, message: error.message });
}

/** `/api/me` names the organisation's type as text; one of ours, or undefined for anything else. */
export const organisationType = (type: string | undefined): OrganisationType | undefined =>
  (ORGANISATION_TYPES as readonly string[]).includes(type ?? '') ? (type as OrganisationType) : undefined;

/** Statuses in which the upload moves on by itself (the worker reads or writes): the page keeps asking. */
export const isRunning = (status: UploadStatus) => status === 'awaitingFile' || status === 'checking' || status === 'committing';

/**
 * The rows a commit writes: the valid ones less those this organisation had already reported (they
 * count as valid). A later copy of a row repeated in the file is counted apart, not as valid.
 */
export const rowsToWrite = (counts: UploadView['counts']) => Math.max(0, counts.valid - counts.alreadyReported);

/** "已处理 1,200 / 共 5,000 行" once the total is known, else the rows so far and the share of the file read. */
export function progressText(progress: UploadView['progress'], language: string, t: TFunction): string {
  const number = (n: number) => n.toLocaleString(language === 'ug' ? 'en' : language);
  if (progress.totalRows !== undefined) {
    return t('agency:upload.processed', { processed: number(progress.processedRows), total: number(progress.totalRows) });
  }
  return t('agency:upload.processedPercent', { processed: number(progress.processedRows), percent: String(progress.percent) });
}

/** The bar's fill: from the rows when the total is known, else the worker's own percentage. */
export function progressPercent(progress: UploadView['progress']): number {
  if (progress.totalRows) return Math.min(100, Math.round((progress.processedRows / progress.totalRows) * 100));
  return Math.max(0, Math.min(100, progress.percent));
}

export type FileProblem = 'wrongType' | 'empty' | 'tooLarge';

/** What the server would refuse about a chosen file, checked before anything is sent. */
export function fileProblem(file: { name: string; size: number }): FileProblem | undefined {
  if (!/\.(xlsx|csv)$/i.test(file.name)) return 'wrongType';
  if (file.size === 0) return 'empty';
  if (file.size > SHEET_MAX_BYTES) return 'tooLarge';
  return undefined;
}

/** The file name the API takes (at most 120 characters): a long name loses its start, never its extension. */
export const uploadFileName = (name: string) => fileNameEnd(name, 120);

export const UPLOAD_LIMITS = { maxBytes: SHEET_MAX_BYTES, maxRows: MAX_UPLOAD_ROWS } as const;

/** The chooser's filter: extensions first (some phones filter by extension only), then the types. */
export const SHEET_ACCEPT = ['.xlsx', '.csv', ...SHEET_CONTENT_TYPES].join(',');
