/**
 * The daily permit job: every permit whose sweep index key says something is due on or before
 * `today` is read from the index page by page, shard by shard, and given what the pack's calendar
 * decides for that day (`sweep` in shared/permit/schedule.ts): a reminder that the endorsement
 * window opened or closes soon, suspension after a missed endorsement, expiry, a reported
 * departure taking effect. Each permit's change and its messages are one transaction, conditional
 * on the version read; the text message follows the commit.
 *
 * Running it again on the same day changes nothing: a permit it changed carries the reminders it
 * was sent (`notified`) and an index key on a later day, so the second run does not even read it.
 * Memory stays constant whatever the number of permits: at most two pages per shard are held.
 */
import { QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { readItems } from '#functions/commons/batch-read';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { logger } from '#functions/commons/logger';
import { now } from '#functions/commons/clock';
import { failedConditions, transact, type TransactItem } from '#functions/commons/transactions';
import { workingCalendar } from '#functions/commons/working-calendar';
import { profileKey, type ProfileItem } from '#functions/residence/items';
import { messagePut, sendNoticeSms, type Notice } from '#functions/residence/notify';
import type { IsoDate } from '#shared/policy/civil-time';
import type { WorkingCalendar } from '#shared/policy/calendar';
import { packById } from '#shared/policy/registry';
import type { PolicyPack } from '#shared/policy/schema';
import { sweep, type SweepAction, type SweepResult } from '#shared/permit/schedule';
import { clockOf, permitUpdate } from './changes.ts';
import { sweepPartition, SWEEP_SHARDS, type PermitItem } from './items.ts';
import { readPermit } from './records.ts';

export interface SweepCounts {
  /** Permits read from the index as due. */
  examined: number;
  /** Permits whose status or reminders changed. */
  changed: number;
  /** Messages (消息) written. */
  messages: number;
  /** Permits that could not be written (an error); still due, so the next run takes them. */
  failed: number;
}

export interface SweepOptions {
  /** Index items per query page. */
  pageSize?: number;
  /** Permits of one shard written at once; the shards run side by side. */
  perShard?: number;
}

const PAGE_SIZE = 100;
const PER_SHARD = 8;

/** The last possible index sort key of `today`: `<day>#<permitId>` sorts below it for every day up to today. */
const dueUpTo = (today: IsoDate) => `${today}#\uffff`;

/** One shard's due permits, a page at a time; the next page is already being read while one is worked on. */
async function* duePages(shard: number, today: IsoDate, pageSize: number): AsyncGenerator<PermitItem[]> {
  const query = (start?: Record<string, unknown>) =>
    db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk <= :upTo',
        ExpressionAttributeValues: { ':pk': sweepPartition(shard), ':upTo': dueUpTo(today) },
        Limit: pageSize,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
  let next: Promise<QueryCommandOutput> | undefined = query();
  while (next) {
    const page: QueryCommandOutput = await next;
    // Index keys are positions, not items: a permit moved to a later day since does not shift the next page.
    next = page.LastEvaluatedKey ? query(page.LastEvaluatedKey) : undefined;
    // Awaited on the next turn; until then a failure must not count as unhandled.
    next?.catch(() => undefined);
    yield (page.Items ?? []) as PermitItem[];
  }
}

/** Runs `work` on every item, at most `limit` at a time. */
async function eachBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let index = 0;
  const worker = async () => {
    while (index < items.length) await work(items[index++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** The message each action sends; reminders speak of the window `sweep` returned with them. */
function noticeOf(action: SweepAction, permit: PermitItem, result: SweepResult, pack: PolicyPack, at: string): Notice {
  const notice = (kind: Notice['kind'], values: Record<string, string>): Notice => ({
    accountId: permit.accountId,
    kind,
    values: { number: permit.number, ...values },
    at,
  });
  const effect = pack.permit?.endorsement?.missed.effect ?? 'suspended';
  switch (action) {
    case 'remindWindowOpen':
      return notice('endorsementOpen', { on: result.window!.closes });
    case 'remindClosing':
      return notice('endorsementClosing', { on: result.window!.closes, effect });
    case 'suspend':
      return notice('permitSuspended', { effect });
    case 'expire':
      return notice('permitExpired', { on: permit.validUntil! });
    case 'cancel':
      return notice('permitCancelled', { on: permit.cancellation!.effectiveOn });
  }
}

interface Plan {
  changed: boolean;
  notices: Notice[];
}

/**
 * The write of one permit for `today`: its new status and reminders, its next sweep day and index
 * keys (the holder's own changes write them the same way), and its messages, conditional on the
 * version read. Undefined when nothing is to be written: already done today, or an index key that
 * is already right.
 */
function planFor(permit: PermitItem, today: IsoDate, calendar: WorkingCalendar, at: string): { items: TransactItem[]; plan: Plan } | undefined {
  const pack = packById(permit.packId);
  const result = sweep(pack, clockOf(permit), today, calendar);
  const change = permitUpdate(permit, { clock: result.clock, pack, today, calendar, at });
  if (!result.actions.length && permit.gsi3sk === change.item.gsi3sk) return undefined;
  const notices = result.actions.map((action) => noticeOf(action, permit, result, pack, at));
  return { items: [change.update, ...notices.map(messagePut)], plan: { changed: result.actions.length > 0, notices } };
}

/**
 * Sweeps one permit. A failed condition means someone changed it since it was read: it is read
 * again and swept once more; a second failure leaves it be (whoever changed it set its next sweep
 * day, or its key still says due and the next run takes it).
 */
async function sweepPermit(indexed: PermitItem, today: IsoDate, calendar: WorkingCalendar): Promise<Plan | undefined> {
  let permit: PermitItem | undefined = indexed;
  for (let attempt = 0; permit; attempt++) {
    const planned = planFor(permit, today, calendar, new Date(now()).toISOString());
    if (!planned) return undefined;
    try {
      await transact(planned.items);
      return planned.plan;
    } catch (error) {
      if (!failedConditions(error)) throw error;
    }
    if (attempt > 0) {
      logger.info('permit changed during the sweep; left as it is', { permitId: indexed.id });
      return undefined;
    }
    permit = await readPermit(indexed.id);
  }
  return undefined;
}

/** Phone and language of each account, for text messages (one batched read of the page's holders). */
async function holdersOf(accountIds: readonly string[]): Promise<Map<string, Pick<ProfileItem, 'phone' | 'language'>>> {
  const profiles = await readItems<Pick<ProfileItem, 'accountId' | 'phone' | 'language'>>(accountIds.map(profileKey), {
    attributes: ['accountId', 'phone', 'language'],
  });
  return new Map(profiles.map((p) => [p.accountId, { phone: p.phone, language: p.language }]));
}

/**
 * The text messages of a page's committed changes: one per permit and day, the latest of its
 * notices (on a day that both opens the window and brings the closing reminder, the reminder says
 * all that matters). A failure is logged without personal data: the change and its 消息 entry are
 * stored, and the person sees them on sign-in.
 */
async function textHolders(notices: readonly Notice[], limit: number): Promise<void> {
  if (!notices.length) return;
  let holders: Awaited<ReturnType<typeof holdersOf>>;
  try {
    holders = await holdersOf(notices.map((n) => n.accountId));
  } catch (error) {
    logger.warn('text messages not sent', { count: notices.length, errorName: (error as Error).name });
    return;
  }
  await eachBounded(notices, limit, async (notice) => {
    const holder = holders.get(notice.accountId);
    if (holder?.phone) await sendNoticeSms(notice, holder.phone, holder.language);
  });
}

/** Everything the job does on `today`. */
export async function sweepPermits(today: IsoDate, options: SweepOptions = {}): Promise<SweepCounts> {
  const calendar = await workingCalendar();
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const perShard = options.perShard ?? PER_SHARD;
  const counts: SweepCounts = { examined: 0, changed: 0, messages: 0, failed: 0 };

  const sweepShard = async (shard: number) => {
    for await (const page of duePages(shard, today, pageSize)) {
      counts.examined += page.length;
      const texts: Notice[] = [];
      await eachBounded(page, perShard, async (permit) => {
        try {
          const plan = await sweepPermit(permit, today, calendar);
          if (!plan) return;
          if (plan.changed) counts.changed++;
          counts.messages += plan.notices.length;
          const text = plan.notices.at(-1);
          if (text) texts.push(text);
        } catch (error) {
          counts.failed++;
          logger.warn('permit not swept; the next run takes it', { permitId: permit.id, errorName: (error as Error).name });
        }
      });
      // After the page's commits: never a text message for a change that was not stored.
      await textHolders(texts, perShard);
    }
  };
  // Every shard runs to its end even when another fails; a failed read fails the run (and is retried).
  const shards = await Promise.allSettled(Array.from({ length: SWEEP_SHARDS }, (_, shard) => sweepShard(shard)));
  const failure = shards.find((shard) => shard.status === 'rejected');
  if (failure) throw failure.reason;
  return counts;
}
