/**
 * What the organisation's upload pages decide on their own: a chosen file's problems before it is
 * sent, what a commit will write, the progress line, the downloaded file's name, a failed download
 * in words, and whether the user administers their organisation.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TFunction } from 'i18next';
import { ORGANISATION_TYPES, ROW_EVENTS } from '#shared/agency/organisation';
import { ROW_COLUMNS } from '#shared/agency/rows';
import { NewUpload, SHEET_MAX_BYTES, UPLOAD_STATUSES, type UploadView } from '#shared/api/agency';
import { fetchFile, fileNameFromDisposition } from '../../../web/src/portal/agency/files.ts';
import { isOrgAdmin, tokenClaims } from '../../../web/src/portal/agency/org-admin.ts';
import {
  columnLabel,
  eventLabel,
  fileProblem,
  isRunning,
  organisationType,
  orgTypeLabel,
  progressPercent,
  progressText,
  rowErrorText,
  rowsToWrite,
  SHEET_ACCEPT,
  statusLabel,
  uploadFileName,
} from '../../../web/src/portal/agency/words.ts';
import { createTestI18n } from './i18n-fixture.ts';
import { rejection } from './expect-api-error.ts';

let zh: TFunction;
let en: TFunction;
let ug: TFunction;
beforeAll(async () => {
  zh = (await createTestI18n('zh-CN')).t;
  en = (await createTestI18n('en')).t;
  ug = (await createTestI18n('ug')).t;
});
afterEach(() => vi.unstubAllGlobals());

const counts = (values: Partial<UploadView['counts']>): UploadView['counts'] => ({
  rows: 0,
  valid: 0,
  invalid: 0,
  duplicates: 0,
  alreadyReported: 0,
  late: 0,
  written: 0,
  ...values,
});

describe('a chosen file, before anything is sent', () => {
  it('takes .xlsx and .csv in any case, up to the API’s limit', () => {
    expect(fileProblem({ name: '名单.xlsx', size: 5_000 })).toBeUndefined();
    expect(fileProblem({ name: 'PEOPLE.CSV', size: SHEET_MAX_BYTES })).toBeUndefined();
  });

  it('refuses another kind of file, an empty one and one over the limit, in that order', () => {
    expect(fileProblem({ name: 'people.xls', size: 10 })).toBe('wrongType');
    expect(fileProblem({ name: 'scan.pdf', size: 0 })).toBe('wrongType');
    expect(fileProblem({ name: 'people.csv', size: 0 })).toBe('empty');
    expect(fileProblem({ name: 'people.xlsx', size: SHEET_MAX_BYTES + 1 })).toBe('tooLarge');
  });

  it('keeps a long name’s end (its extension) within the 120 characters the API takes', () => {
    const long = `${'很长的文件名'.repeat(30)}.xlsx`;
    expect(uploadFileName(long)).toHaveLength(120);
    expect(uploadFileName(long).endsWith('.xlsx')).toBe(true);
    expect(uploadFileName('people.csv')).toBe('people.csv');
  });

  it('never cuts a long name inside a character: half an emoji would be refused as a hidden character', () => {
    const name = uploadFileName(`${'😀'.repeat(70)}.xlsx`);
    expect(name.endsWith('😀.xlsx')).toBe(true);
    expect(name.length).toBeLessThanOrEqual(120);
    expect(NewUpload.shape.fileName.safeParse(name).success).toBe(true);
  });

  it('offers the chooser the extensions first (some phones filter by them only), then the types', () => {
    expect(SHEET_ACCEPT.split(',').slice(0, 2)).toEqual(['.xlsx', '.csv']);
    expect(SHEET_ACCEPT).toContain('text/csv');
  });
});

describe('where an upload stands', () => {
  it('keeps asking while the file is awaited, checked or written, and stops once it rests', () => {
    expect(UPLOAD_STATUSES.filter(isRunning)).toEqual(['awaitingFile', 'checking', 'committing']);
  });

  it('writes the valid rows less those reported before; a repeat in the file is not among the valid', () => {
    expect(rowsToWrite(counts({ rows: 10, valid: 7, invalid: 3 }))).toBe(7);
    expect(rowsToWrite(counts({ rows: 12, valid: 7, invalid: 3, duplicates: 2 }))).toBe(7);
    expect(rowsToWrite(counts({ rows: 10, valid: 10, alreadyReported: 4 }))).toBe(6);
    expect(rowsToWrite(counts({ rows: 10, valid: 10, alreadyReported: 10 }))).toBe(0);
  });

  it('says rows of the total once the total is known, else rows and the share of the file', () => {
    expect(progressText({ phase: 'commit', percent: 12, processedRows: 1200, totalRows: 5000 }, 'zh-CN', zh)).toBe('已处理 1,200 / 共 5,000 行');
    expect(progressText({ phase: 'check', percent: 40, processedRows: 30000 }, 'en', en)).toBe('30,000 rows done (40%)');
    expect(progressText({ phase: 'check', percent: 40, processedRows: 30000 }, 'ug', ug)).toContain('30,000');
  });

  it('fills the bar from the rows when the total is known, else from the worker’s percentage, within 0–100', () => {
    expect(progressPercent({ phase: 'commit', percent: 0, processedRows: 250, totalRows: 1000 })).toBe(25);
    expect(progressPercent({ phase: 'check', percent: 63, processedRows: 9 })).toBe(63);
    expect(progressPercent({ phase: 'check', percent: 140, processedRows: 9 })).toBe(100);
    expect(progressPercent({ phase: 'commit', percent: 0, processedRows: 0, totalRows: 0 })).toBe(0);
  });
});

describe('words', () => {
  it('names every kind of organisation, event, column and status in every language', () => {
    for (const t of [zh, en, ug]) {
      for (const type of ORGANISATION_TYPES) expect(orgTypeLabel(t, type)).not.toContain('orgTypes');
      for (const event of ROW_EVENTS) expect(eventLabel(t, event)).not.toContain('events');
      for (const column of ROW_COLUMNS) expect(columnLabel(t, column)).not.toContain('columns');
      for (const status of UPLOAD_STATUSES) expect(statusLabel(t, status)).not.toContain('statuses');
    }
    expect(orgTypeLabel(zh, 'constructionSite')).toBe('建筑工地');
    expect(columnLabel(zh, 'citizenId')).toBe('身份证号');
    expect(statusLabel(en, 'checked')).toBe('Ready to submit');
  });

  it('puts the column in front of a row error only when the server’s message does not name it already', () => {
    expect(rowErrorText(zh, { field: 'citizenId', message: '身份证号：校验位不正确，请核对每一位数字' })).toBe('身份证号：校验位不正确，请核对每一位数字');
    expect(rowErrorText(zh, { field: 'event', message: '本单位不报送这类事项' })).toBe('事项：本单位不报送这类事项');
    expect(rowErrorText(en, { field: 'phone', message: 'Enter a mainland mobile number' })).toBe('Mobile: Enter a mainland mobile number');
  });

  it('reads /api/me’s organisation type only when it is one of ours', () => {
    expect(organisationType('housingAgency')).toBe('housingAgency');
    expect(organisationType('bank')).toBeUndefined();
    expect(organisationType(undefined)).toBeUndefined();
  });
});

describe('a downloaded file', () => {
  it('takes the UTF-8 name over the plain one (RFC 6266), else the plain one, else the fallback', () => {
    expect(fileNameFromDisposition(`attachment; filename="employer-template.xlsx"; filename*=UTF-8''%E5%90%8D%E5%8D%95-errors.xlsx`, 'x.xlsx')).toBe(
      '名单-errors.xlsx',
    );
    expect(fileNameFromDisposition('attachment; filename="employer-template.xlsx"', 'x.xlsx')).toBe('employer-template.xlsx');
    expect(fileNameFromDisposition('attachment; filename=plain.xlsx', 'x.xlsx')).toBe('plain.xlsx');
    expect(fileNameFromDisposition('attachment', 'x.xlsx')).toBe('x.xlsx');
    expect(fileNameFromDisposition(null, 'x.xlsx')).toBe('x.xlsx');
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''%E5%ZZ; filename="safe.xlsx"`, 'x.xlsx')).toBe('safe.xlsx');
  });

  it('is fetched with the token and the language, and answers its bytes and name', async () => {
    const fetch = vi.fn(async () => new Response(new Uint8Array([0x50, 0x4b, 3, 4]), { headers: { 'content-disposition': 'attachment; filename="a.xlsx"' } }));
    vi.stubGlobal('fetch', fetch);
    const file = await fetchFile({ path: '/api/agency/templates/employer', token: 'tok', language: 'ug', t: zh }, 'fallback.xlsx');
    expect(file.fileName).toBe('a.xlsx');
    expect(new Uint8Array(await file.blob.arrayBuffer())).toEqual(new Uint8Array([0x50, 0x4b, 3, 4]));
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/agency/templates/employer');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer tok', 'Accept-Language': 'ug' });
  });

  it('fails in the server’s words, and ends the session on a 401', async () => {
    const body = { error: { code: 'upload_not_checked', message: '这次上传还没有检查完。' } };
    vi.stubGlobal('fetch', async () => Response.json(body, { status: 409 }));
    const refused = await rejection(fetchFile({ path: '/api/agency/uploads/UP1/errors.xlsx', token: 'tok', language: 'zh-CN', t: zh }, 'e.xlsx'));
    expect([refused.status, refused.code, refused.message]).toEqual([409, 'upload_not_checked', '这次上传还没有检查完。']);

    const ended = vi.fn();
    vi.stubGlobal('fetch', async () => new Response('', { status: 401 }));
    const expired = await rejection(fetchFile({ path: '/x', token: 'tok', language: 'zh-CN', t: zh, onUnauthorized: ended }, 'e.xlsx'));
    expect(expired.status).toBe(401);
    expect(ended).toHaveBeenCalledOnce();
  });

  it('says the network failed when nothing answered', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const failed = await rejection(fetchFile({ path: '/x', token: undefined, language: 'zh-CN', t: zh }, 'e.xlsx'));
    expect(failed.code).toBe('network');
  });
});

describe('the organisation’s administrator', () => {
  const token = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

  it('is told by the token’s claim, as Cognito and the local provider set it', () => {
    expect(isOrgAdmin(token({ sub: 'u1', 'custom:org': 'org-a', 'custom:org_admin': 'true' }))).toBe(true);
    expect(isOrgAdmin(token({ sub: 'u1', 'custom:org': 'org-a' }))).toBe(false);
    expect(isOrgAdmin(token({ 'custom:org_admin': 'false' }))).toBe(false);
  });

  it('is no one without a readable token', () => {
    expect(isOrgAdmin(undefined)).toBe(false);
    expect(isOrgAdmin('not-a-jwt')).toBe(false);
    expect(tokenClaims('a.%%%.c')).toBeUndefined();
    expect(tokenClaims(token({ name: '张三' }))).toEqual({ name: '张三' });
  });
});
