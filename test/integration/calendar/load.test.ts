/**
 * Loading a year's official holiday notice into the table (DynamoDB Local), and the working-day
 * calendar the functions use picking it up: the 2027 notice is the first one the bundled dataset
 * does not have.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { db } from '#functions/commons/dynamo';
import { officialYearKey, workingCalendar } from '#functions/commons/working-calendar';
import { EXIT, problemsOf, runCalendarCli } from '#infra/calendar/load';
import { ensureTable } from '#infra/local/table-bootstrap';

/** A made-up 2027 notice: National Day Friday 1 October to Thursday 7 October, two weekend days worked. */
const NOTICE_2027 = {
  year: 2027,
  source: '国务院办公厅关于2027年部分节假日安排的通知 (test copy)',
  holidays: ['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
  workdays: ['2027-09-26', '2027-10-09'],
};

let dir: string;
const saved = { TABLE_NAME: process.env.TABLE_NAME, DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT, CLOCK_OFFSET_MS: process.env.CLOCK_OFFSET_MS };
const table = `calendar-${randomUUID()}`;

function fileWith(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCalendarCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const stored = async (year: number) => {
  const { pk, sk } = officialYearKey(year);
  return (await db().send(new GetCommand({ TableName: table, Key: { pk, sk }, ConsistentRead: true }))).Item;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'calendar-load-'));
  await ensureTable(inject('dynamoEndpoint'), table);
  process.env.TABLE_NAME = table;
  process.env.DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
});

afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('calendar load', () => {
  it('refuses files that are not a calendar, and writes nothing', async () => {
    const cases: [string, unknown, string][] = [
      ['not-json.json', '{ year: 2027', 'not-json.json'],
      ['wrong-year.json', { ...NOTICE_2027, holidays: ['2028-01-01'] }, 'validation.calendarYear (2028-01-01)'],
      ['no-date.json', { ...NOTICE_2027, holidays: ['2027-02-30'] }, 'holidays.0: validation.isoDate'],
      ['extra-key.json', { ...NOTICE_2027, note: 'x' }, '(file)'],
      ['weekday-worked.json', { ...NOTICE_2027, workdays: ['2027-10-08'] }, '2027-10-08 is not a Saturday or Sunday'],
      ['both.json', { ...NOTICE_2027, workdays: ['2027-10-02'] }, '2027-10-02: both a holiday and a working day'],
    ];
    for (const [name, content, problem] of cases) {
      const { code, err } = await run('load', fileWith(name, content));
      expect(code, name).toBe(EXIT.invalid);
      expect(err.join('\n'), name).toContain(problem);
    }
    expect(await stored(2027)).toBeUndefined();
  });

  it.each([[[]], [['load']], [['import', 'x.json']], [['load', 'a.json', 'b.json']]])('%j is a usage error', async (args) => {
    const { code, err } = await run(...args);
    expect(code).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('usage: calendar load <file.json>');
  });

  it('loads 2027, and the working-day calendar then rests on its holidays and works its make-up days', async () => {
    const before = await workingCalendar();
    expect(before.covers(2027)).toBe(false);
    expect(before.dayInfo('2027-10-05')).toEqual({ working: true, assumedWeekendsOnly: true });

    const { code, out } = await run('load', fileWith('2027.json', NOTICE_2027));
    expect(code).toBe(EXIT.ok);
    expect(out[0]).toBe(`loaded 2027 into ${table}: 7 holidays, 2 make-up working days (${NOTICE_2027.source})`);
    expect(await stored(2027)).toMatchObject({ gsi1pk: 'CALENDARS', gsi1sk: '2027', calendar: NOTICE_2027 });

    // A function instance reads the calendars once an hour: the same instance sees 2027 after that.
    expect((await workingCalendar()).covers(2027)).toBe(false);
    process.env.CLOCK_OFFSET_MS = String(3600 * 1000 + 1000);
    const calendar = await workingCalendar();
    expect(calendar.covers(2027)).toBe(true);
    expect(calendar.dayInfo('2027-10-05')).toEqual({ working: false, assumedWeekendsOnly: false }); // a Tuesday off
    expect(calendar.dayInfo('2027-10-09')).toEqual({ working: true, assumedWeekendsOnly: false }); // a Saturday worked
    expect(calendar.isWorkingDay('2027-10-08')).toBe(true); // the Friday between, an ordinary day
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false); // the dataset's years are still there
  });

  it('replaces a year when loaded again', async () => {
    const corrected = { ...NOTICE_2027, holidays: ['2027-10-01', '2027-10-04'], workdays: [] };
    expect((await run('load', fileWith('2027-corrected.json', corrected))).code).toBe(EXIT.ok);
    expect((await stored(2027))?.calendar).toEqual(corrected);
  });

  it('runs as `npm run -s calendar -- load <file>`', async () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const file = fileWith('2027-npm.json', { ...NOTICE_2027, holidays: ['2027-10-01'], workdays: [] });
    const { stdout } = await promisify(execFile)(npm, ['run', '-s', 'calendar', '--', 'load', file], {
      env: { ...process.env, TABLE_NAME: table, DYNAMODB_ENDPOINT: inject('dynamoEndpoint') },
      encoding: 'utf8',
    });
    expect(stdout).toContain(`loaded 2027 into ${table}: 1 holidays`);
    expect((await stored(2027))?.calendar.holidays).toEqual(['2027-10-01']);
  }, 30_000);
});

describe('problemsOf', () => {
  it('accepts the notice as it is', () => {
    expect(problemsOf(NOTICE_2027)).toEqual({ calendar: NOTICE_2027, problems: [] });
  });

  it('finds a date listed twice', () => {
    expect(problemsOf({ ...NOTICE_2027, holidays: [...NOTICE_2027.holidays, '2027-10-01'] }).problems).toEqual([
      'holidays: 2027-10-01 is listed twice',
    ]);
  });
});
