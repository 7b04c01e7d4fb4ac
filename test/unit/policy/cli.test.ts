/** The reviewers' command line, as `npm run -s policy -- …` runs it. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runPolicyCli } from '#shared/policy/cli';
import { RULE_PATHS } from '#shared/policy/deadlines';

function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runPolicyCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('policy deadline', () => {
  it.each([
    ['xinjiang', 'registration.deadline', '2026-09-30', '2026-10-10'],
    ['liaoning', 'registration.deadline', '2026-09-30', '2026-10-08'],
    ['datong', 'landlord.registerWithin', '2026-09-30T09:30', '2026-10-01 09:30'],
    ['datong', 'landlord.reportMoveIn', '2026-09-30', '2026-10-10'],
    ['ningxia', 'employer.reportHire', '2026-09-30', '2026-10-10'],
    ['national', 'permit.issueWithin', '2026-09-30', '2026-10-15'],
    ['datong', 'permit.remoteIssueWithin', '2026-09-30', '2026-10-15'],
    ['liaoning', 'permit.renewBefore', '2027-10-31', '2027-10-01'],
    ['datong', 'permit.endorsement.windowBefore', '2027-03-01', '2027-03-01'],
  ])('%s %s %s → %s', (pack, rule, date, due) => {
    const { code, out } = run('deadline', pack, rule, date);
    expect(code).toBe(EXIT.ok);
    expect(out[0]).toBe(due);
    expect(out.at(-1)).toMatch(/^citation: .+ 「.+」$/);
  });

  it('words the rule as the portal does', () => {
    expect(run('deadline', 'xinjiang', 'registration.deadline', '2026-09-30').out[1]).toBe('rule: within 3 working days of arrival');
  });

  it('explains a period moved off a rest day, a window and a filing', () => {
    expect(run('deadline', 'liaoning', 'registration.deadline', '2026-09-30').out).toContain(
      'moved from: 2026-10-07 (a rest day) to the next working day',
    );
    expect(run('deadline', 'national', 'permit.endorsement.windowBefore', '2027-03-01').out).toContain('opens: 2027-02-01 00:00 Asia/Shanghai');
    expect(run('deadline', 'xinjiang', 'registration.deadline', '2026-09-30', '--filed', '2026-10-11T08:00').out).toContain('filed: late');
  });

  it.each([
    ['national', 'registration.deadline'],
    ['liaoning', 'landlord.registerWithin'],
    ['ningxia', 'registration.changeDeadline'],
    ['xinjiang', 'permit.renewBefore'],
  ])('%s %s is not set: prints "not set" and exits 3', (pack, rule) => {
    expect(run('deadline', pack, rule, '2026-09-30')).toEqual({ code: 3, out: ['not set'], err: [] });
  });

  it('says when a year has no holiday data, and uses an official calendar file when given one', () => {
    expect(run('deadline', 'xinjiang', 'registration.deadline', '2027-09-30').out).toContain(
      'calendar: no holiday data for 2027; assumed weekends only',
    );
    const file = join(mkdtempSync(join(tmpdir(), 'calendar-')), '2027.json');
    writeFileSync(file, JSON.stringify({ year: 2027, source: 'notice', holidays: ['2027-10-01', '2027-10-04', '2027-10-05'], workdays: [] }));
    const { out } = run('deadline', 'xinjiang', 'registration.deadline', '2027-09-30', '--calendar', file);
    // 1 (Fri), 4 and 5 October off; the weekend too: 6, 7 and 8 October are the three working days.
    expect(out[0]).toBe('2027-10-08');
    expect(out.join('\n')).not.toContain('assumed weekends only');
  });

  it.each([
    [['deadline', 'shanghai', 'registration.deadline', '2026-09-30'], 'unknown pack: shanghai'],
    [['deadline', 'datong', 'registration.deadlines', '2026-09-30'], 'unknown rule: registration.deadlines'],
    [['deadline', 'datong', 'registration.deadline', '2026-02-30'], 'not a date: 2026-02-30'],
    [['deadline', 'datong'], undefined],
    [['frobnicate'], 'unknown command: frobnicate'],
  ])('%j is a usage error (exit 2)', (args, problem) => {
    const { code, err } = run(...args);
    expect(code).toBe(EXIT.usage);
    if (problem) expect(err[0]).toContain(problem);
    expect(err.join('\n')).toContain('usage: policy');
  });

  it('lists the rule paths it accepts', () => {
    expect(run('rules').out).toEqual([...RULE_PATHS]);
  });
});

describe('policy export and for-division', () => {
  it('exports every pack resolved, as JSON', () => {
    const { code, out } = run('export');
    expect(code).toBe(0);
    const packs = JSON.parse(out.join('\n'));
    expect(packs.map((p: { id: string }) => p.id)).toEqual(['national', 'liaoning', 'xinjiang', 'datong', 'ningxia']);
    const ningxia = packs.find((p: { id: string }) => p.id === 'ningxia');
    expect(ningxia.permit.issueWithin.within).toEqual({ amount: 15, unit: 'days' });
  });
  it('names the pack for a division', () => {
    expect(run('for-division', '140213').out).toEqual(['datong']);
  });
});

describe('the npm script', () => {
  it('npm run -s policy -- deadline prints the date and exits 3 when not set', () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    expect(execFileSync(npm, ['run', '-s', 'policy', '--', 'deadline', 'xinjiang', 'registration.deadline', '2026-09-30'], { encoding: 'utf8' }).split('\n')[0]).toBe('2026-10-10');
    let status: number | null = null;
    try {
      execFileSync(npm, ['run', '-s', 'policy', '--', 'deadline', 'national', 'landlord.reportMoveIn', '2026-09-30'], { stdio: 'pipe' });
    } catch (error) {
      status = (error as { status: number }).status;
    }
    expect(status).toBe(3);
  }, 30_000);
});
