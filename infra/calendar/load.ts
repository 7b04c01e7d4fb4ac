/**
 * Adds a year's official holiday arrangement to the table, so deadlines count that year's
 * holidays without a release: `npm run -s calendar -- load <file.json>`.
 *
 * The file is an `OfficialYearCalendar` (`{year, source, holidays, workdays}`) copied from the State
 * Council's notice. It is written to the table named by TABLE_NAME, at DYNAMODB_ENDPOINT when set
 * (DynamoDB Local) or in AWS with the usual credentials. Loading a year again replaces it. Running
 * functions read the calendars once an hour, so a new year takes effect within the hour.
 * Exit codes: 0 loaded, 1 the file is not a valid calendar, 2 usage, 3 the table could not be written.
 */
import { readFileSync } from 'node:fs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { officialYearKey } from '#functions/commons/working-calendar';
import { officialYearCalendar, type OfficialYearCalendar } from '#shared/policy/calendar';
import { weekday } from '#shared/policy/civil-time';

export const EXIT = { ok: 0, invalid: 1, usage: 2, notStored: 3 } as const;

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = 'usage: calendar load <file.json>   (TABLE_NAME, and DYNAMODB_ENDPOINT for DynamoDB Local)';

/** What is wrong with a calendar file, one line each; empty when it can be loaded. */
export function problemsOf(content: unknown): { calendar?: OfficialYearCalendar; problems: string[] } {
  const parsed = officialYearCalendar.safeParse(content, { reportInput: true });
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => {
        const at = issue.path.length ? issue.path.join('.') : '(file)';
        const value = 'input' in issue && typeof issue.input === 'string' ? ` (${issue.input})` : '';
        return `${at}: ${issue.message}${value}`;
      }),
    };
  }
  const calendar = parsed.data;
  // Copying a notice by hand goes wrong in these ways; the schema alone would accept them.
  const problems = [
    ...calendar.workdays.filter((date) => calendar.holidays.includes(date)).map((date) => `${date}: both a holiday and a working day`),
    ...calendar.workdays.filter((date) => ![0, 6].includes(weekday(date))).map((date) => `workdays: ${date} is not a Saturday or Sunday`),
    ...duplicates(calendar.holidays).map((date) => `holidays: ${date} is listed twice`),
    ...duplicates(calendar.workdays).map((date) => `workdays: ${date} is listed twice`),
  ];
  return { calendar, problems };
}

const duplicates = (dates: string[]) => dates.filter((date, i) => dates.indexOf(date) !== i);

/** Writes one year's calendar where `workingCalendar()` finds it, replacing any earlier one. */
export async function storeOfficialYear(calendar: OfficialYearCalendar, loadedAt = new Date()): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...officialYearKey(calendar.year), calendar, loadedAt: loadedAt.toISOString() },
    }),
  );
}

export async function runCalendarCli(args: string[], io: Output): Promise<number> {
  const [command, file, ...extra] = args;
  if (command !== 'load' || !file || extra.length > 0) {
    if (command && command !== 'load') io.err(`unknown command: ${command}`);
    io.err(USAGE);
    return EXIT.usage;
  }
  if (!process.env.TABLE_NAME) {
    io.err('TABLE_NAME is not set: name the table to load into');
    return EXIT.usage;
  }
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    io.err(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.invalid;
  }
  const { calendar, problems } = problemsOf(content);
  if (!calendar || problems.length > 0) {
    io.err(`${file} is not a valid official year calendar:`);
    for (const problem of problems) io.err(`  ${problem}`);
    return EXIT.invalid;
  }
  try {
    await storeOfficialYear(calendar);
  } catch (error) {
    io.err(`could not write to ${tableName()}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.notStored;
  }
  io.out(
    `loaded ${calendar.year} into ${tableName()}: ${calendar.holidays.length} holidays, ${calendar.workdays.length} make-up working days (${calendar.source})`,
  );
  return EXIT.ok;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runCalendarCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}
