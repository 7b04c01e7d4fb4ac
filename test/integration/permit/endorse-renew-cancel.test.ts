/** The holder's own changes to a permit: endorsing (on time and late, by pack), renewing, reporting a departure and withdrawing it. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PermitApplication, PermitCard } from '#shared/api/permit';
import { addDays, addYears } from '#shared/policy/civil-time';
import { todayInShanghai } from '#functions/commons/clock';
import { call } from '#test/support/api-client';
import { startProduct, type TestProduct } from '#test/support/product';
import { pinToday, unpinToday, type Migrant } from '#test/integration/review/migrants';
import { PERMIT_STREETS, issue, overviewOf, permitHolder, verify, type OrError } from '#test/support/permits';

let product: TestProduct;

beforeAll(async () => {
  product = await startProduct();
});

afterEach(() => {
  unpinToday();
});

afterAll(async () => {
  await product?.close();
});

const SETTLED = '2026-05-01';

const endorse = (migrant: Migrant, version: number) =>
  call<OrError<PermitCard>>(product, 'POST', '/api/me/permit/endorsements', { token: migrant.token, body: { version }, language: 'en' });
const renew = (migrant: Migrant, body: Record<string, unknown>) =>
  call<OrError<PermitApplication>>(product, 'POST', '/api/me/permit/renewals', { token: migrant.token, body, language: 'en' });
const cancel = (migrant: Migrant, leavingOn: string, version: number) =>
  call<OrError<PermitCard>>(product, 'POST', '/api/me/permit/cancellation', { token: migrant.token, body: { leavingOn, version }, language: 'en' });
const withdraw = (migrant: Migrant) => call<OrError<PermitCard>>(product, 'DELETE', '/api/me/permit/cancellation', { token: migrant.token, language: 'en' });
const cardOf = async (migrant: Migrant) => (await overviewOf(product, migrant)).body.self.permit!;
const latestMessage = async (migrant: Migrant) =>
  ((await call(product, 'GET', '/api/me/messages', { token: migrant.token, language: 'en' })).body.items as Array<{ kind: string; body: string }>)[0];

describe('POST /api/me/permit/endorsements', () => {
  it('national: refused before the window, one tap inside it, then the next year is due', async () => {
    const { migrant, card } = await permitHolder(product, PERMIT_STREETS.shenzhen, SETTLED);
    const window = card.nextEndorsement!;
    const early = await endorse(migrant, card.version);
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('endorsement_not_open');
    expect(early.body.error.message).toContain(window.opens);

    pinToday(addDays(window.opens, 3));
    const opened = await cardOf(migrant);
    expect(opened.nextEndorsement?.open).toBe(true);
    const stale = await endorse(migrant, card.version + 1);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('permit_changed');

    const endorsed = await endorse(migrant, card.version);
    expect(endorsed.status, JSON.stringify(endorsed.body)).toBe(200);
    expect(endorsed.body).toMatchObject({
      status: 'valid',
      yearsFrom: card.issuedOn,
      endorsements: [{ on: addDays(window.opens, 3), anniversary: window.anniversary, late: false }],
      nextEndorsement: { anniversary: addYears(window.anniversary, 1), open: false },
      version: card.version + 1,
    });
    expect(endorsed.body.qr.token).toBeTruthy();
    expect((await latestMessage(migrant))?.kind).toBe('permitEndorsed');
    expect((await endorse(migrant, endorsed.body.version)).body.error.code).toBe('endorsement_not_open');
  });

  it('national: a missed window suspends the permit; a late endorsement restores it and the residence years restart', async () => {
    const { migrant, card } = await permitHolder(product, PERMIT_STREETS.shenzhen, SETTLED);
    const late = addDays(card.nextEndorsement!.closes, 20);
    pinToday(late);
    const suspended = await cardOf(migrant);
    expect(suspended.status).toBe('suspended');
    expect(suspended.nextEndorsement?.open).toBe(true);
    expect((await verify(product, suspended.qr.token)).body.result).toBe('suspended');

    const endorsed = await endorse(migrant, card.version);
    expect(endorsed.status, JSON.stringify(endorsed.body)).toBe(200);
    expect(endorsed.body).toMatchObject({
      status: 'valid',
      yearsFrom: late,
      endorsements: [{ on: late, anniversary: card.nextEndorsement!.anniversary, late: true }],
      nextEndorsement: { anniversary: addYears(late, 1) },
    });
    expect((await verify(product, endorsed.body.qr.token)).body.result).toBe('valid');
  });

  it('Datong: after a late endorsement the residence years stay continuous', async () => {
    const { migrant, card } = await permitHolder(product, PERMIT_STREETS.datong, SETTLED);
    expect(card).toMatchObject({ packId: 'datong', validUntil: addYears(card.issuedOn, 5), missedEndorsement: { effect: 'lapsed', residenceYears: 'continuous' } });
    const late = addDays(card.nextEndorsement!.closes, 10);
    pinToday(late);
    const endorsed = await endorse(migrant, card.version);
    expect(endorsed.status, JSON.stringify(endorsed.body)).toBe(200);
    expect(endorsed.body).toMatchObject({
      status: 'valid',
      yearsFrom: card.issuedOn,
      endorsements: [{ on: late, late: true }],
      nextEndorsement: { anniversary: addYears(card.issuedOn, 2) },
    });
  });

  it('asks for a current declaration when the residence registration has ended', async () => {
    const { migrant, card } = await permitHolder(product, PERMIT_STREETS.shenzhen, SETTLED);
    const page = await overviewOf(product, migrant);
    const declarationId = page.body.residence!.declarationId;
    const declaration = await call(product, 'GET', `/api/me/declarations/${declarationId}`, { token: migrant.token });
    const movedOut = await call(product, 'POST', `/api/me/declarations/${declarationId}/move-out`, {
      token: migrant.token,
      body: { movedOutOn: todayInShanghai(), version: declaration.body.version },
    });
    expect(movedOut.status, JSON.stringify(movedOut.body)).toBe(200);
    pinToday(addDays(card.nextEndorsement!.opens, 1));
    const refused = await endorse(migrant, card.version);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('registration_not_active');
  });

  it('has no permit to endorse before one is issued', async () => {
    const { migrant } = await permitHolder(product, PERMIT_STREETS.shenzhen, SETTLED);
    const forChild = await call(product, 'POST', '/api/me/permit/endorsements', {
      token: migrant.token,
      body: { holder: '0b5a8a4e-6f4e-4c3e-9a55-3d1f3d6c9a11', version: 1 },
    });
    expect(forChild.status).toBe(404);
    expect(forChild.body.error.code).toBe('permit_not_found');
  });
});

describe('POST /api/me/permit/renewals', () => {
  it('Liaoning: the renewal deadline on the card, an application the officer approves, the validity runs on from the old expiry', async () => {
    const { migrant, card } = await permitHolder(product, PERMIT_STREETS.shenyang, SETTLED, { validityYears: 1 });
    expect(card).toMatchObject({ packId: 'liaoning', validUntil: addYears(card.issuedOn, 1) });
    expect(card.renewBy).toMatchObject({ lastDay: addDays(card.validUntil!, -30), filing: 'onTime', rule: { kind: 'before' } });

    expect((await renew(migrant, { version: card.version })).body.error.code).toBe('validity_required');
    expect((await renew(migrant, { version: card.version + 1, validityYears: 2 })).body.error.code).toBe('permit_changed');
    const renewal = await renew(migrant, { version: card.version, validityYears: 2 });
    expect(renewal.status, JSON.stringify(renewal.body)).toBe(201);
    expect(renewal.body).toMatchObject({ kind: 'renewal', status: 'submitted', validityYears: 2, documents: [], packId: 'liaoning' });
    expect((await latestMessage(migrant))?.kind).toBe('permitApplied');

    const again = await renew(migrant, { version: card.version, validityYears: 3 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('permit_application_in_progress');

    await issue(product, PERMIT_STREETS.shenyang, renewal.body);
    const renewed = await cardOf(migrant);
    expect(renewed).toMatchObject({ number: card.number, status: 'valid', validUntil: addYears(card.validUntil!, 2) });
  });

  it('is not offered where the pack sets no renewal (national)', async () => {
    const { migrant, card } = await permitHolder(product, PERMIT_STREETS.shenzhen, SETTLED);
    const refused = await renew(migrant, { version: card.version });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('renewal_not_offered');
  });
});

describe('POST and DELETE /api/me/permit/cancellation', () => {
  it('Datong: too early before the 10-day window; scheduled after the 30-day return grace; withdrawn on return', async () => {
    const { migrant, card } = await permitHolder(product, PERMIT_STREETS.datong, SETTLED);
    const today = todayInShanghai();
    const tooEarly = await cancel(migrant, addDays(today, 40), card.version);
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.body.error.code).toBe('cancellation_too_early');
    expect(tooEarly.body.error.message).toContain(addDays(today, 30));

    const leavingOn = addDays(today, 5);
    const scheduled = await cancel(migrant, leavingOn, card.version);
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
    expect(scheduled.body).toMatchObject({ status: 'valid', cancellation: { leavingOn, effectiveOn: addDays(leavingOn, 31) }, version: card.version + 1 });
    expect((await latestMessage(migrant))?.kind).toBe('cancellationScheduled');
    expect((await verify(product, scheduled.body.qr.token)).body.result).toBe('valid');

    const back = await withdraw(migrant);
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.cancellation).toBeUndefined();
    expect(back.body.version).toBe(card.version + 2);
    expect((await latestMessage(migrant))?.kind).toBe('cancellationWithdrawn');
    const nothing = await withdraw(migrant);
    expect(nothing.status).toBe(422);
    expect(nothing.body.error.code).toBe('no_cancellation_pending');
  });

  it('Datong: once the grace has passed the permit is cancelled, even before the daily job has run', async () => {
    const { migrant, card } = await permitHolder(product, PERMIT_STREETS.datong, SETTLED);
    const leavingOn = addDays(todayInShanghai(), 2);
    const scheduled = await cancel(migrant, leavingOn, card.version);
    const effectiveOn = scheduled.body.cancellation!.effectiveOn;
    pinToday(addDays(effectiveOn, -1));
    expect((await verify(product, (await cardOf(migrant)).qr.token)).body.result).toBe('valid');
    pinToday(effectiveOn);
    const now = await cardOf(migrant);
    expect(now.status).toBe('cancelled');
    expect((await verify(product, now.qr.token)).body.result).toBe('cancelled');
    expect((await withdraw(migrant)).body.error.code).toBe('no_cancellation_pending');
    expect((await cancel(migrant, effectiveOn, now.version)).body.error.code).toBe('permit_not_active');
  });

  it('national: leaving today cancels at once', async () => {
    const { migrant, card } = await permitHolder(product, PERMIT_STREETS.shenzhen, SETTLED);
    const stale = await cancel(migrant, todayInShanghai(), card.version + 1);
    expect(stale.body.error.code).toBe('permit_changed');
    const cancelled = await cancel(migrant, todayInShanghai(), card.version);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.cancellation).toBeUndefined();
    expect((await latestMessage(migrant))?.kind).toBe('permitCancelled');
  });
});
