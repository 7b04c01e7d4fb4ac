/**
 * Reading and deciding a permit application as an officer: station-bound and audited reads;
 * accept, return, reject and approve in one transaction each, exactly one winner, and approval
 * issuing (or renewing, or replacing) the electronic permit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PermitApplication } from '#shared/api/permit';
import { PERMIT_NUMBER_PATTERN } from '#shared/permit/lifecycle';
import { addYears } from '#shared/policy/civil-time';
import { todayInShanghai } from '#functions/commons/clock';
import { sweepPartition, sweepShard } from '#functions/permit/items';
import { call } from '#test/support/api-client';
import { startProduct, type TestProduct } from '#test/support/product';
import { STREETS, auditStoreDown, declare } from '../review/migrants.ts';
import {
  DATONG,
  PERMIT_STREETS,
  SHENZHEN,
  accept,
  applyAsMigrant,
  uploadFor,
  applyingPointer,
  auditOf,
  holderPointer,
  messagesOf,
  newMigrant,
  officerCalls,
  officersOf,
  photoOf,
  placeApplication,
  resubmit,
  storedApplication,
  storedPermit,
  type Migrant,
  type Placed,
  type Placing,
} from './applications.ts';

let product: TestProduct;
let calls: ReturnType<typeof officerCalls>;
let datong: Awaited<ReturnType<typeof officersOf>>;
let shenzhen: Awaited<ReturnType<typeof officersOf>>;

const inDatong = (migrant: Migrant, extra: Partial<Placing> = {}) =>
  placeApplication(product, migrant, { station: DATONG, street: PERMIT_STREETS.datong, ...extra });

/** A migrant with a registered residence in Datong (declared, verified by the station). */
async function registeredInDatong(name = '李娜'): Promise<{ migrant: Migrant; declarationId: string }> {
  const migrant = await newMigrant(product, name);
  const declared = await declare(product, migrant, STREETS.datongYongtai, '2026-11-10');
  const verified = await call(product, 'POST', `/api/officer/declarations/${declared.id}/decision`, { token: datong.token, body: { decision: 'verify' } });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  return { migrant, declarationId: declared.id };
}

/** The newest text message sent to a phone. */
const lastSms = async (migrant: Migrant) => (await product.readOutbox(migrant.phone))[0]?.text ?? '';

beforeAll(async () => {
  product = await startProduct();
  calls = officerCalls(product);
  datong = await officersOf(product, DATONG);
  shenzhen = await officersOf(product, SHENZHEN);
});

afterAll(async () => {
  await product?.close();
});

describe('an application for review', () => {
  let registered: { migrant: Migrant; declarationId: string };
  let placed: Placed;

  beforeAll(async () => {
    registered = await registeredInDatong();
    placed = await inDatong(registered.migrant, { declarationId: registered.declarationId });
  });

  it('shows the application, the person with a masked ID number, the engine’s eligibility and short-lived document links', async () => {
    const answer = await calls.detail(datong.token, placed.id);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const { migrant } = registered;
    expect(answer.body).toMatchObject({
      id: placed.id,
      status: 'submitted',
      kind: 'first',
      holder: 'self',
      holderName: migrant.name,
      packId: 'datong',
      station: { id: DATONG },
      validityYears: 5,
      person: { name: migrant.name, citizenIdMasked: placed.item.person.citizenIdMasked, phone: migrant.phone, birthDate: '1990-03-07' },
      eligibility: { status: 'eligible', optional: false },
      version: 1,
    });
    expect(answer.body.eligibility!.reason).not.toMatch(/^policy:/);
    expect(answer.body.eligibility!.citations.length).toBeGreaterThan(0);
    expect(answer.body.daysLeft).toBeUndefined();
    expect(JSON.stringify(answer.body)).not.toContain(migrant.citizenId);
    expect(JSON.stringify(answer.body)).not.toContain('blobKey');

    const [photo] = answer.body.documents;
    expect(photo).toMatchObject({ kind: 'photo', contentType: 'image/png' });
    const file = await fetch(new URL(photo!.url!, product.url));
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
  });

  it('says so when there is nothing to decide eligibility on (no registered residence)', async () => {
    const unregistered = await inDatong(await newMigrant(product));
    const answer = await calls.detail(datong.token, unregistered.id);
    expect(answer.status).toBe(200);
    expect(answer.body.eligibility).toBeNull();
  });

  it('records every read in the person’s audit trail before answering', async () => {
    const before = (await auditOf(product, registered.migrant.accountId)).length;
    expect((await calls.detail(datong.colleague, placed.id)).status).toBe(200);
    const events = await auditOf(product, registered.migrant.accountId);
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      action: 'viewPermitApplication',
      officerId: datong.colleagueId,
      stationId: DATONG,
      applicationId: placed.id,
      gsi1pk: `OFFICER#${datong.colleagueId}#AUDIT`,
    });
  });

  it('shows nothing when the audit record cannot be written', async () => {
    const spy = auditStoreDown();
    try {
      const answer = await calls.detail(datong.token, placed.id);
      expect(answer.status).toBe(500);
      expect(JSON.stringify(answer.body)).not.toContain(registered.migrant.phone);
      expect(JSON.stringify(answer.body)).not.toContain(placed.item.person.citizenIdMasked);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses another station’s officer on the detail and the decision, and audits nothing', async () => {
    const before = (await auditOf(product, registered.migrant.accountId)).length;
    for (const answer of [
      await calls.detail(shenzhen.token, placed.id),
      await calls.decide(shenzhen.token, placed.id, { action: 'accept', version: 1 }),
    ]) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(403);
      expect(answer.body.error.code).toBe('not_your_station');
    }
    expect(await auditOf(product, registered.migrant.accountId)).toHaveLength(before);
    expect((await storedApplication(product, placed.id))!.status).toBe('submitted');
  });

  it('answers 404 permit_application_not_found for a reference that does not exist', async () => {
    for (const answer of [
      await calls.detail(datong.token, 'JZ20261122-0000AA'),
      await calls.decide(datong.token, 'JZ20261122-0000AA', { action: 'accept', version: 1 }),
    ]) {
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('permit_application_not_found');
    }
  });
});

describe('accept, return, resubmit, approve', () => {
  it('issues the electronic permit on approval, in the same step, and tells the person at each step', async () => {
    const { migrant, declarationId } = await registeredInDatong('赵敏');
    const placed = await inDatong(migrant, { declarationId });
    const today = todayInShanghai();

    // 受理: the 10-day limit starts.
    const accepted = await accept(product, datong.token, placed);
    expect(accepted).toMatchObject({ status: 'accepted', version: 2, issueBy: { packId: 'datong', filing: 'onTime' } });
    expect(accepted.acceptedAt).toBeDefined();
    expect(accepted.history.at(-1)).toEqual({ at: accepted.acceptedAt, event: 'accepted', actor: 'officer' });
    expect((await messagesOf(product, migrant.accountId))[0]).toMatchObject({
      kind: 'permitAccepted',
      applicationId: placed.id,
      values: { id: placed.id, on: accepted.issueBy!.lastDay },
    });
    expect(await lastSms(migrant)).toContain(placed.id);
    expect((await auditOf(product, migrant.accountId)).map((e) => e.action)).toContain('decidePermitApplication');
    const detail = await calls.detail(datong.token, placed.id);
    expect(detail.body.daysLeft).toBeGreaterThanOrEqual(9);

    // 补正: returned with what to correct; the application stays the holder's open one.
    const returned = await calls.decide(datong.token, placed.id, {
      action: 'return',
      corrections: ['photoUnsuitable', 'other'],
      note: 'Please use a photo with a white background',
      version: 2,
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', corrections: ['photoUnsuitable', 'other'], version: 3 });
    expect(returned.body.history.at(-1)).toMatchObject({
      event: 'returned',
      actor: 'officer',
      corrections: ['photoUnsuitable', 'other'],
      note: 'Please use a photo with a white background',
    });
    expect(JSON.stringify(returned.body.history)).not.toContain(datong.id);
    expect((await storedApplication(product, placed.id))!.history.at(-1)!.officerId).toBe(datong.id);
    expect(await applyingPointer(product, migrant.accountId)).toEqual(expect.objectContaining({ applicationId: placed.id }));
    expect((await messagesOf(product, migrant.accountId))[0]).toMatchObject({
      kind: 'permitReturned',
      values: { id: placed.id, reasonCodes: 'photoUnsuitable,other', reasonList: 'corrections', note: 'Please use a photo with a white background' },
    });
    expect(await lastSms(migrant)).toContain('white background');

    const version = await resubmit(product, placed, 3);
    await accept(product, datong.colleague, { id: placed.id, version });

    const approved = await calls.decide(datong.token, placed.id, { action: 'approve', version: version + 1 });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'issued', version: version + 2 });
    expect(approved.body.history.slice(-2).map((h) => h.event)).toEqual(['approved', 'issued']);
    const number = approved.body.permitNumber!;
    expect(number).toMatch(PERMIT_NUMBER_PATTERN);
    expect(number.startsWith(`1402-${today.slice(0, 4)}-`)).toBe(true);

    const application = (await storedApplication(product, placed.id))!;
    const permit = (await storedPermit(product, application.permitId!))!;
    expect(permit).toMatchObject({
      number,
      status: 'valid',
      accountId: migrant.accountId,
      holder: 'self',
      holderName: migrant.name,
      packId: 'datong',
      stationId: DATONG,
      declarationId,
      city: { code: '1402', name: '大同市' },
      photo: { blobKey: placed.item.documents[0]!.blobKey, contentType: 'image/png' },
      applicationId: placed.id,
      endorsements: [],
      issuedOn: today,
      validUntil: addYears(today, 5),
      yearsFrom: today,
      endorsedThrough: today,
      version: 1,
    });
    // The daily job finds it on its next due day (the first endorsement window opening).
    expect(permit.nextSweepOn! > today).toBe(true);
    expect(permit).toMatchObject({ gsi3pk: sweepPartition(sweepShard(permit.id)), gsi3sk: `${permit.nextSweepOn}#${permit.id}` });
    expect(await holderPointer(product, migrant.accountId)).toEqual(expect.objectContaining({ permitId: permit.id }));
    expect(await applyingPointer(product, migrant.accountId)).toBeUndefined();
    expect((await messagesOf(product, migrant.accountId))[0]).toMatchObject({
      kind: 'permitIssued',
      values: { id: placed.id, holder: migrant.name, number },
    });
    expect(await lastSms(migrant)).toContain(number);
    const issued = await calls.queue(datong.token, '?status=issued');
    expect(issued.body.items.map((i) => i.id)).toContain(placed.id);
    expect((await calls.queue(datong.token, '?status=accepted')).body.items.map((i) => i.id)).not.toContain(placed.id);

    // One valid permit per holder: a second first application cannot be approved.
    const again = await inDatong(migrant, { declarationId });
    await accept(product, datong.token, again);
    const second = await calls.decide(datong.token, again.id, { action: 'approve', version: 2 });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('permit_already_held');
    expect((await storedApplication(product, again.id))!.status).toBe('accepted');
  });

  it('takes an application made through the migrant’s own route to an issued permit the migrant sees', async () => {
    const { migrant } = await registeredInDatong('郑洁');
    const applied = await applyAsMigrant(product, migrant, 'leaseFilingCertificate');
    expect(applied).toMatchObject({ status: 'submitted', station: { id: DATONG }, packId: 'datong' });
    expect((await calls.queue(datong.token, '?limit=50')).body.items.map((i) => i.id)).toContain(applied.id);
    const detail = await calls.detail(datong.token, applied.id);
    expect(detail.body.documents.map((d) => d.kind).sort()).toEqual(['leaseFilingCertificate', 'photo']);
    expect(detail.body.eligibility).toMatchObject({ status: 'eligible' });

    // Returned for a better photo; the migrant corrects it through the portal's route.
    const returned = await calls.decide(datong.token, applied.id, { action: 'return', corrections: ['photoUnsuitable'], version: applied.version });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    const corrected = await call<PermitApplication>(product, 'PUT', `/api/me/permit/applications/${applied.id}`, {
      token: migrant.token,
      body: {
        documents: [
          { kind: 'photo', uploadId: await uploadFor(product, migrant, 'permitPhoto') },
          { kind: 'leaseFilingCertificate', uploadId: await uploadFor(product, migrant, 'permitProof') },
        ],
        version: returned.body.version,
      },
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body.status).toBe('submitted');

    await accept(product, datong.token, corrected.body);
    const approved = await calls.decide(datong.token, applied.id, { action: 'approve', version: corrected.body.version + 1 });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const mine = await call(product, 'GET', '/api/me/permit', { token: migrant.token });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.self.permit).toMatchObject({ number: approved.body.permitNumber, status: 'valid' });
    expect(mine.body.self.application).toMatchObject({ id: applied.id, status: 'issued' });
  });

  it('renews a permit (same number, validity from the old end) and replaces a lost one (new number, same validity)', async () => {
    const { migrant, declarationId } = await registeredInDatong('孙丽');
    const first = await inDatong(migrant, { declarationId });
    await accept(product, datong.token, first);
    const number = (await calls.decide(datong.token, first.id, { action: 'approve', version: 2 })).body.permitNumber!;
    const permitId = (await storedApplication(product, first.id))!.permitId!;
    const issued = (await storedPermit(product, permitId))!;

    const renewal = await inDatong(migrant, { declarationId, kind: 'renewal', permitId, documents: [] });
    await accept(product, datong.token, renewal);
    const renewed = await calls.decide(datong.token, renewal.id, { action: 'approve', version: 2 });
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(200);
    expect(renewed.body.permitNumber).toBe(number);
    const afterRenewal = (await storedPermit(product, permitId))!;
    expect(afterRenewal).toMatchObject({ number, status: 'valid', validUntil: addYears(issued.validUntil!, 5), applicationId: renewal.id, version: 2 });
    expect(afterRenewal.photo).toEqual(issued.photo);
    expect(afterRenewal.gsi3sk).toBe(`${afterRenewal.nextSweepOn}#${permitId}`);

    const newPhoto = await photoOf(product, migrant);
    const replacement = await inDatong(migrant, { declarationId, kind: 'replacement', permitId, documents: [newPhoto] });
    await accept(product, datong.token, replacement);
    const replaced = await calls.decide(datong.token, replacement.id, { action: 'approve', version: 2 });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    const newNumber = replaced.body.permitNumber!;
    expect(newNumber).toMatch(PERMIT_NUMBER_PATTERN);
    expect(newNumber).not.toBe(number);
    expect(await storedPermit(product, permitId)).toMatchObject({
      id: permitId,
      number: newNumber,
      validUntil: afterRenewal.validUntil,
      issuedOn: issued.issuedOn,
      photo: { blobKey: newPhoto.blobKey },
      version: 3,
    });
    expect(await holderPointer(product, migrant.accountId)).toEqual(expect.objectContaining({ permitId }));
  });

  it('issues a national permit without an end of validity', async () => {
    const migrant = await newMigrant(product, '周杰');
    const placed = await placeApplication(product, migrant, { station: SHENZHEN, street: PERMIT_STREETS.shenzhen });
    await accept(product, shenzhen.token, placed);
    const approved = await calls.decide(shenzhen.token, placed.id, { action: 'approve', version: 2 });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.permitNumber!.startsWith('4403-')).toBe(true);
    const permit = (await storedPermit(product, (await storedApplication(product, placed.id))!.permitId!))!;
    expect(permit.validUntil).toBeUndefined();
    expect(permit.city).toEqual({ code: '4403', name: '深圳市' });
    expect(permit.nextSweepOn).toBeDefined();
  });
});

describe('what a decision needs', () => {
  it('rejects only with reasons, and shows them with the citation', async () => {
    const { migrant, declarationId } = await registeredInDatong('钱伟');
    const placed = await inDatong(migrant, { declarationId });
    for (const body of [
      { action: 'reject', reasons: [], version: 1 },
      { action: 'reject', version: 1 },
    ]) {
      const answer = await calls.decide(datong.token, placed.id, body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.fields).toEqual([expect.objectContaining({ path: 'reasons' })]);
    }
    const noCorrections = await calls.decide(datong.token, placed.id, { action: 'return', corrections: [], version: 1 });
    expect(noCorrections.status).toBe(400);
    expect(noCorrections.body.error.fields).toEqual([expect.objectContaining({ path: 'corrections' })]);

    const rejected = await calls.decide(datong.token, placed.id, { action: 'reject', reasons: ['notEligibleStay', 'other'], note: 'Stays only two weeks', version: 1 });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejection: { reasons: ['notEligibleStay', 'other'], note: 'Stays only two weeks' } });
    const quotes = rejected.body.rejection!.citations.map((c) => c.quote);
    expect(quotes[0]).toContain('说明理由');
    expect(quotes.length).toBeGreaterThan(1);
    expect(rejected.body.history.at(-1)).toMatchObject({ event: 'rejected', reasons: ['notEligibleStay', 'other'], note: 'Stays only two weeks' });
    expect(await applyingPointer(product, migrant.accountId)).toBeUndefined();
    expect((await messagesOf(product, migrant.accountId))[0]).toMatchObject({
      kind: 'permitRejected',
      values: { id: placed.id, reasonCodes: 'notEligibleStay,other', reasonList: 'rejectionReasons', note: 'Stays only two weeks' },
    });
    expect(await lastSms(migrant)).toContain('Stays only two weeks');
  });

  it('allows only what the status allows: 422 decision_not_allowed, and 409 on a stale version', async () => {
    const placed = await inDatong(await newMigrant(product));
    const early = await calls.decide(datong.token, placed.id, { action: 'approve', version: 1 });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('decision_not_allowed');
    const stale = await calls.decide(datong.token, placed.id, { action: 'accept', version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('application_changed');
    await accept(product, datong.token, placed);
    const twice = await calls.decide(datong.token, placed.id, { action: 'accept', version: 2 });
    expect(twice.status).toBe(422);
    expect(twice.body.error.code).toBe('decision_not_allowed');
    const rejected = await calls.decide(datong.token, placed.id, { action: 'reject', reasons: ['falseInformation'], version: 2 });
    expect(rejected.status).toBe(200);
    for (const action of ['accept', 'approve']) {
      expect((await calls.decide(datong.token, placed.id, { action, version: 3 })).status).toBe(422);
    }
  });

  it('lets exactly one of two officers deciding at once win, every time', async () => {
    const placed = await inDatong(await newMigrant(product));
    let version = 1;
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all([
        calls.decide(datong.token, placed.id, { action: 'accept', version }),
        calls.decide(datong.colleague, placed.id, { action: 'return', corrections: ['proofMissing'], version }),
      ]);
      expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.map((a) => a.body))).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('application_changed');
      const winner = answers.find((a) => a.status === 200)!.body;
      version = winner.status === 'returned' ? await resubmit(product, placed, winner.version) : winner.version;
      if (winner.status === 'accepted') {
        const back = await calls.decide(datong.token, placed.id, { action: 'return', corrections: ['other'], note: 'again', version });
        version = await resubmit(product, placed, back.body.version);
      }
    }
    const stored = (await storedApplication(product, placed.id))!;
    expect(stored.history.filter((h) => h.event === 'returned')).toHaveLength(3);
  });

  it('issues one permit when approve and reject race', async () => {
    const { migrant, declarationId } = await registeredInDatong('吴军');
    const placed = await inDatong(migrant, { declarationId });
    await accept(product, datong.token, placed);
    const answers = await Promise.all([
      calls.decide(datong.token, placed.id, { action: 'approve', version: 2 }),
      calls.decide(datong.colleague, placed.id, { action: 'reject', reasons: ['other'], note: 'check', version: 2 }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const stored = (await storedApplication(product, placed.id))!;
    const pointer = await holderPointer(product, migrant.accountId);
    if (stored.status === 'issued') expect(pointer?.permitId).toBe(stored.permitId);
    else expect(pointer).toBeUndefined();
  });
});
