/**
 * Every pack's hour-based report rules, whatever the party (landlord, agency, market, employer):
 * when only the event's date is known, no verdict may call a report late that the facts cannot
 * show to be late — the hours count from the last instant of that day — and when the time is
 * known, they count from it.
 */
import { describe, expect, it } from 'vitest';
import { endOfDay, parseShanghaiInstant } from '#shared/policy/civil-time';
import { RULE_PATHS, ruleAt } from '#shared/policy/deadlines';
import { reportTimingOf } from '#shared/policy/report-timing';
import { packById } from '#shared/policy/registry';
import { PACK_IDS } from '#shared/policy/schema';

const DAY = '2026-11-16';
const HOUR_MS = 3600 * 1000;

const hourRules = PACK_IDS.flatMap((packId) =>
  RULE_PATHS.flatMap((path) => {
    const rule = ruleAt(packById(packId), path);
    return rule?.kind === 'after' && rule.within.unit === 'hours' ? [{ packId, path, hours: rule.within.amount }] : [];
  }),
);

describe('hour-based report rules', () => {
  it('exist in the packs (the table below is not empty)', () => {
    expect(hourRules.length).toBeGreaterThan(0);
  });

  it.each(hourRules)('$packId $path: a date-only event counts from the end of its day', ({ packId, path, hours }) => {
    const pack = packById(packId);
    const lastOnTime = new Date(endOfDay(DAY).getTime() + hours * HOUR_MS - 1);
    expect(reportTimingOf(pack, [path], DAY, { filedAt: lastOnTime }).filing).toBe('onTime');
    expect(reportTimingOf(pack, [path], DAY, { filedAt: new Date(lastOnTime.getTime() + 1) }).filing).toBe('late');
  });

  it.each(hourRules)('$packId $path: a known event time counts from that time', ({ packId, path, hours }) => {
    const pack = packById(packId);
    const eventAt = parseShanghaiInstant(`${DAY}T10:30`)!;
    const due = new Date(eventAt.getTime() + hours * HOUR_MS);
    expect(reportTimingOf(pack, [path], DAY, { eventAt, filedAt: new Date(due.getTime() - 1) }).filing).toBe('onTime');
    expect(reportTimingOf(pack, [path], DAY, { eventAt, filedAt: due }).filing).toBe('late');
  });
});
