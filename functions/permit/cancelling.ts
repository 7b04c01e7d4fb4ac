/**
 * Cancelling the permit when the holder leaves, and withdrawing that report. The pack decides when
 * a departure takes effect: on the leaving day, or after a return grace (Datong: not cancelled if
 * the holder returns within 30 days). One that takes effect today or earlier cancels at once, so a
 * check right after says "cancelled"; a later one is left to the daily job.
 */
import { cancellationFor, type PermitClock } from '#shared/permit/schedule';
import type { IsoDate } from '#shared/policy/civil-time';
import { packById } from '#shared/policy/registry';
import { currentInstant, todayInShanghai } from '#functions/commons/clock';
import { ApiError } from '#functions/commons/errors';
import { workingCalendar } from '#functions/commons/working-calendar';
import { clockOf, IN_FORCE, permitAt, permitUpdate } from './changes.ts';
import { liveStatus } from './card.ts';
import { announce } from './endorsing.ts';
import type { HolderRef, PermitItem } from './items.ts';

const notActive = () => new ApiError(422, 'permit_not_active');

export async function cancelPermit(accountId: string, holder: HolderRef, leavingOn: IsoDate, version: number): Promise<PermitItem> {
  const permit = await permitAt(accountId, holder, version);
  const pack = packById(permit.packId);
  const calendar = await workingCalendar();
  const today = todayInShanghai();
  if (!IN_FORCE.includes(liveStatus(pack, permit, today, calendar))) throw notActive();

  const cancellation = cancellationFor(pack, leavingOn, today, calendar);
  if ('code' in cancellation) throw new ApiError(422, cancellation.code, { opens: cancellation.opens });
  const reported = { leavingOn: cancellation.leavingOn, effectiveOn: cancellation.effectiveOn };
  const now = cancellation.effectiveOn <= today;
  const clock: PermitClock = { ...clockOf(permit), ...(now ? { status: 'cancelled' as const } : {}), cancellation: reported };
  const at = currentInstant().toISOString();
  const change = permitUpdate(permit, { clock, pack, today, calendar, at });
  await announce(permit, change, {
    accountId,
    kind: now ? 'permitCancelled' : 'cancellationScheduled',
    values: { number: permit.number, on: reported.effectiveOn },
    at,
  });
  return change.item;
}

export async function withdrawCancellation(accountId: string, holder: HolderRef): Promise<PermitItem> {
  const permit = await permitAt(accountId, holder);
  const pack = packById(permit.packId);
  const calendar = await workingCalendar();
  const today = todayInShanghai();
  // Taken effect (even if the daily job has not written it yet): there is nothing left to withdraw.
  if (!permit.cancellation || !IN_FORCE.includes(liveStatus(pack, permit, today, calendar))) throw new ApiError(422, 'no_cancellation_pending');
  const { cancellation: _withdrawn, ...clock } = clockOf(permit);
  const at = currentInstant().toISOString();
  const change = permitUpdate(permit, { clock, pack, today, calendar, at });
  await announce(permit, change, { accountId, kind: 'cancellationWithdrawn', values: { number: permit.number }, at });
  return change.item;
}
