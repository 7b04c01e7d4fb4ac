/**
 * The yearly endorsement (签注): one tap inside the window while the residence registration is
 * active; late, it lifts a suspension, and the pack decides whether the residence years restart
 * (national Art.10) or stay continuous (Datong Art.20).
 */
import { endorse, nextEndorsement } from '#shared/permit/schedule';
import { packById } from '#shared/policy/registry';
import { currentInstant, todayInShanghai } from '#functions/commons/clock';
import { ApiError } from '#functions/commons/errors';
import { failedConditions, transact } from '#functions/commons/transactions';
import { workingCalendar } from '#functions/commons/working-calendar';
import { messagePut, sendNoticeSms, type Notice } from '#functions/residence/notify';
import { readProfile } from '#functions/residence/profiles';
import { clockOf, permitAt, permitChanged, permitUpdate } from './changes.ts';
import type { HolderRef, PermitItem } from './items.ts';
import { registeredResidence } from './records.ts';

/** Tells the holder's account of a change to the permit: the 消息 entry in the change's transaction, the SMS after it. */
export async function announce(permit: PermitItem, change: ReturnType<typeof permitUpdate>, notice: Notice): Promise<void> {
  try {
    await transact([change.update, messagePut(notice)]);
  } catch (error) {
    if (failedConditions(error)?.[0]) throw permitChanged();
    throw error;
  }
  const profile = await readProfile(permit.accountId);
  if (profile?.phone) await sendNoticeSms(notice, profile.phone, profile.language);
}

export async function endorsePermit(accountId: string, holder: HolderRef, version: number): Promise<PermitItem> {
  const [residence, permit] = await Promise.all([registeredResidence(accountId), permitAt(accountId, holder, version)]);
  if (!residence) throw new ApiError(422, 'registration_not_active');
  const pack = packById(permit.packId);
  const calendar = await workingCalendar();
  const today = todayInShanghai();
  const clock = clockOf(permit);

  const endorsed = endorse(pack, clock, today, calendar);
  if ('code' in endorsed) throw new ApiError(422, endorsed.code, 'opens' in endorsed ? { opens: endorsed.opens } : {});
  // The anniversary endorsed: the window's, or on a late endorsement the one that was missed.
  const window = nextEndorsement(pack, { ...clock, status: 'valid' }, calendar);
  const late = permit.status === 'suspended' || (window !== undefined && today > window.closes);
  const restarted = late && endorsed.yearsFrom !== clock.yearsFrom;
  const at = currentInstant().toISOString();
  const change = permitUpdate(permit, {
    clock: endorsed,
    extra: {
      endorsements: [...permit.endorsements, { on: today, anniversary: window?.anniversary ?? today, late }],
      ...(restarted ? { yearsRestartedOn: today } : {}),
    },
    pack,
    today,
    calendar,
    at,
  });
  const next = nextEndorsement(pack, endorsed, calendar);
  await announce(permit, change, {
    accountId,
    kind: 'permitEndorsed',
    values: { number: permit.number, on: next?.anniversary ?? permit.validUntil ?? '' },
    at,
  });
  return change.item;
}
