/** A landlord's duties, deadlines and fines in words: from the pack only, never a figure of our own. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { ReportView } from '#shared/api/landlord';
import { lateReportFines, reportTiming } from '#shared/landlord/reporting';
import { packById } from '#shared/policy/registry';
import {
  deadlineLines,
  dutyLines,
  dutyOf,
  fineWords,
  moveInSentence,
  overCapacityAfter,
  reportCitations,
  reportDeadlineWords,
  splitTenancies,
} from '../../../web/src/portal/landlord/words.ts';
import { formatDue } from '../../../web/src/portal/residence/words.ts';
import { createTestI18n } from './i18n-fixture.ts';

let zh: TFunction;
let en: TFunction;
beforeAll(async () => {
  zh = (await createTestI18n('zh-CN')).t;
  en = (await createTestI18n('en')).t;
});

/** What GET /api/landlord/houses/{id}/deadlines answers, from the same pure rules the server uses. */
function report(packId: Parameters<typeof packById>[0], moveIn: string, filedAt: string): ReportView {
  const timing = reportTiming(packById(packId), 'moveIn', moveIn, { filedAt: new Date(filedAt) });
  return {
    filing: timing.filing,
    deadlines: timing.deadlines.map((deadline) => ({
      packId,
      rule: deadline.rule,
      citation: deadline.citation,
      due: deadline.due.toISOString(),
      lastDay: deadline.lastDay,
      // Judged at the filing instant, so always set.
      filing: deadline.filing!,
      assumedWeekendsOnly: [],
      path: deadline.path,
    })),
    ...(timing.governing ? { lastDay: timing.governing.lastDay } : {}),
  };
}

const duties = (packId: Parameters<typeof packById>[0]) => {
  const landlord = packById(packId).landlord;
  return {
    registerWithin: landlord?.registerWithin ?? null,
    reportMoveIn: landlord?.reportMoveIn ?? null,
    reportMoveOut: landlord?.reportMoveOut ?? null,
  };
};

describe('duties in words', () => {
  it('Datong: register within 24 hours and report within 10 days, each with its article', () => {
    const lines = dutyLines(duties('datong'), zh);
    expect(lines.map((line) => line.text)).toEqual(['入住之日起24小时内登记入住人员', '入住之日起10日内报告派出所', '搬离住所之日起10日内报告租客搬离']);
    expect(lines.every((line) => line.citation.article === '第十四条')).toBe(true);
    expect(moveInSentence(duties('datong'), zh)).toBe('入住之日起24小时内登记入住人员，入住之日起10日内报告派出所');
  });

  it('Xinjiang counts the report from the registration, in working days', () => {
    expect(moveInSentence(duties('xinjiang'), zh)).toBe('入住时登记入住人员，登记之日起3个工作日内报告派出所');
  });

  it('the national regulation sets no landlord deadline: nothing is made up', () => {
    expect(dutyLines(duties('national'), zh)).toEqual([]);
    expect(moveInSentence(duties('national'), zh)).toBeUndefined();
  });

  it('reads a report deadline path as its duty', () => {
    expect(dutyOf('landlord.reportMoveIn')).toBe('reportMoveIn');
    expect(dutyOf('registration.deadline')).toBeUndefined();
  });
});

describe('a report deadline in words', () => {
  it('on time: the last day of the deciding deadline and 按时', () => {
    const view = report('liaoning', '2026-11-20', '2026-11-23T02:00:00Z');
    expect(reportDeadlineWords(view, 'preview', 'zh-CN', zh)).toEqual({ text: '最迟 2026年11月27日 报告', status: '按时', filing: 'onTime' });
    expect(reportDeadlineWords(view, 'filed', 'en', en)).toMatchObject({ text: 'Report by November 27, 2026', status: 'reported on time' });
  });

  it('late: the first deadline missed decides, and each deadline is listed with its own day', () => {
    const view = report('datong', '2026-11-16', '2026-11-23T02:00:00Z');
    expect(reportDeadlineWords(view, 'preview', 'zh-CN', zh)).toEqual({ text: '最迟 2026年11月17日 报告', status: '已逾期', filing: 'late' });
    expect(deadlineLines(view, 'zh-CN', zh)).toEqual([
      // Only the move-in date is known: the 24 hours count from the end of that day.
      { duty: '入住之日起24小时内登记入住人员', date: '2026年11月17日', late: true },
      { duty: '入住之日起10日内报告派出所', date: '2026年11月26日', late: false },
    ]);
    expect(reportCitations(view)).toHaveLength(2);
  });

  it('no deadline in the pack: says so, with no status', () => {
    const view = report('national', '2026-11-16', '2026-11-23T02:00:00Z');
    expect(reportDeadlineWords(view, 'preview', 'zh-CN', zh)).toEqual({ text: '本地法规未规定报告期限', filing: 'onTime' });
    expect(reportCitations(view)).toEqual([]);
  });
});

describe('fines in words', () => {
  it('Liaoning: the range in yuan, per person, only after an order to correct, and a credit record', () => {
    const [fine] = fineWords(lateReportFines(packById('liaoning')), zh);
    expect(fine).toMatchObject({
      offence: '谎报、瞒报或者未按时报送',
      facts: ['罚款\u2066200–500\u2069元', '按涉及的人数计算', '先责令改正，逾期不改正的才罚款', '记入信用记录'],
    });
    expect(fine!.citation.article).toBe('第二十二条');
  });

  it('Ningxia: the serious range too', () => {
    const [fine] = fineWords(lateReportFines(packById('ningxia')), zh);
    expect(fine!.facts.slice(0, 2)).toEqual(['罚款\u2066200–1000\u2069元', '情节严重的，罚款\u20661000–2000\u2069元']);
  });

  it('a pack without fines gives none (the page then says the regulation sets none)', () => {
    expect(fineWords(lateReportFines(packById('national')), zh)).toEqual([]);
  });
});

describe('tenancies and occupancy', () => {
  it('splits current tenants (reported, requested, active) from past ones', () => {
    const { current, past } = splitTenancies([{ status: 'active' }, { status: 'ended' }, { status: 'awaitingTenant' }, { status: 'declined' }, { status: 'awaitingLandlord' }]);
    expect(current.map((tenancy) => tenancy.status)).toEqual(['active', 'awaitingTenant', 'awaitingLandlord']);
    expect(past.map((tenancy) => tenancy.status)).toEqual(['ended', 'declined']);
  });

  it('warns only beyond the maximum (the maximum itself is allowed)', () => {
    expect(overCapacityAfter({ occupants: 2, maxOccupants: 4 }, 2)).toBe(false);
    expect(overCapacityAfter({ occupants: 2, maxOccupants: 4 }, 3)).toBe(true);
  });
});

describe('a confirmation deadline in words', () => {
  it('a deadline at midnight is the whole day before it', () => {
    // 2026-12-04 00:00 in Shanghai: the last day to confirm is 3 December.
    expect(formatDue('2026-12-03T16:00:00.000Z', 'zh-CN', zh)).toBe('2026年12月3日');
  });
  it('any other instant keeps its time', () => {
    expect(formatDue('2026-12-04T07:00:00.000Z', 'zh-CN', zh)).toBe('2026年12月4日 15:00');
  });
});
