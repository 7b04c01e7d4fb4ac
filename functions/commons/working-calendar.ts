/**
 * The working-day calendar deadlines are counted on: the bundled holiday dataset, plus any official
 * year calendars (State Council notices) stored in the table, so a new year's holidays can be added
 * without a release (`npm run -s calendar -- load <file.json>`). Read once per function instance
 * and refreshed hourly.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { chineseWorkingCalendar, officialYearCalendar, type WorkingCalendar } from '#shared/policy/calendar';
import { db } from './dynamo.ts';
import { tableName } from './environment.ts';
import { logger } from './logger.ts';
import { now } from './clock.ts';

const REFRESH_MS = 3600 * 1000;

export const officialYearKey = (year: number) => ({ pk: `CALENDAR#${year}`, sk: 'CALENDAR', gsi1pk: 'CALENDARS', gsi1sk: String(year) });

let cached: { table: string; loadedAt: number; calendar: WorkingCalendar } | undefined;

export async function workingCalendar(): Promise<WorkingCalendar> {
  const table = tableName();
  if (cached && cached.table === table && now() - cached.loadedAt < REFRESH_MS) return cached.calendar;
  const { Items = [] } = await db().send(
    new QueryCommand({
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'CALENDARS' },
    }),
  );
  const years = Items.flatMap((item) => {
    const parsed = officialYearCalendar.safeParse(item.calendar);
    if (!parsed.success) logger.error('stored official calendar is invalid', { year: item.gsi1sk });
    return parsed.success ? [parsed.data] : [];
  });
  const calendar = years.length ? chineseWorkingCalendar.withOfficialYears(...years) : chineseWorkingCalendar;
  cached = { table, loadedAt: now(), calendar };
  return calendar;
}
