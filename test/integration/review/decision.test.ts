/** Deciding a declaration: verify or return, one transaction, one winner, the person told. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, type TestProduct } from '#test/support/product';
import { call } from '#test/support/api-client';
import type { DeclarationForReview, QueueItem } from '#shared/api/review';
import { DATONG, STREETS, type OrError, auditOf, declarationInput, declare, newMigrant, officersOf, type Migrant } from './migrants.ts';

let product: TestProduct;
let officers: Awaited<ReturnType<typeof officersOf>>;

const decide = (token: string, id: string, body: unknown) =>
  call<OrError<DeclarationForReview>>(product, 'POST', `/api/officer/declarations/${id}/decision`, { token, body, language: 'en' });
const mine = (migrant: Migrant, id: string) => call(product, 'GET', `/api/me/declarations/${id}`, { token: migrant.token });
const messagesOf = (migrant: Migrant) =>
  call<{ items: Array<{ kind: string; declarationId?: string; body: string }> }>(product, 'GET', '/api/me/messages', { token: migrant.token, language: 'en' });
const submittedQueue = async () =>
  (await call<{ items: QueueItem[] }>(product, 'GET', '/api/officer/declarations?limit=50', { token: officers.token })).body.items.map((i) => i.id);

beforeAll(async () => {
  product = await startProduct();
  officers = await officersOf(product, DATONG);
});

afterAll(async () => {
  await product?.close();
});

describe('verifying', () => {
  it('registers the declaration, tells the person in 消息 and by SMS, and audits the decision', async () => {
    const migrant = await newMigrant(product);
    const declared = await declare(product, migrant, STREETS.datongYongtai, '2026-11-10');
    const answer = await decide(officers.token, declared.id, { decision: 'verify', version: declared.version });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ status: 'registered', version: declared.version + 1 });
    expect(answer.body.registeredAt).toBeDefined();
    expect(answer.body.history.at(-1)).toMatchObject({ event: 'verified', actor: 'officer' });

    const seen = await mine(migrant, declared.id);
    expect(seen.body).toMatchObject({ status: 'registered', registeredAt: answer.body.registeredAt });
    const messages = (await messagesOf(migrant)).body.items;
    expect(messages[0]).toMatchObject({ kind: 'declarationVerified', declarationId: declared.id });
    const [sms] = await product.readOutbox(migrant.phone);
    expect(sms?.text).toContain(declared.id);
    expect((await auditOf(product, migrant.accountId)).map((e) => e.action)).toContain('decideDeclaration');
    expect(await submittedQueue()).not.toContain(declared.id);

    // Nothing is in progress any more: the person may declare again (a change of address).
    const change = await declare(product, migrant, STREETS.datongGucheng, '2026-11-18', { changeOf: declared.id });
    expect(change.id).not.toBe(declared.id);
  });

  it('ends the registration a verified change of address replaces', async () => {
    const migrant = await newMigrant(product);
    const first = await declare(product, migrant, STREETS.datongYongtai, '2026-11-01');
    expect((await decide(officers.token, first.id, { decision: 'verify' })).status).toBe(200);
    const change = await declare(product, migrant, STREETS.datongGucheng, '2026-11-15', { changeOf: first.id });
    const answer = await decide(officers.colleague, change.id, { decision: 'verify' });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);

    const old = await mine(migrant, first.id);
    expect(old.body.status).toBe('ended');
    expect(old.body.history.at(-1)).toMatchObject({ event: 'superseded', actor: 'officer' });
    expect((await mine(migrant, change.id)).body.status).toBe('registered');
    const kinds = (await messagesOf(migrant)).body.items.map((m) => `${m.kind}:${m.declarationId}`);
    expect(kinds).toContain(`declarationEnded:${first.id}`);
    expect(kinds).toContain(`declarationVerified:${change.id}`);
    const registered = await call<{ items: QueueItem[] }>(product, 'GET', '/api/officer/declarations?status=registered', { token: officers.token });
    expect(registered.body.items.map((i) => i.id)).toContain(change.id);
    expect(registered.body.items.map((i) => i.id)).not.toContain(first.id);
  });
});

describe('returning', () => {
  it('returns with reasons the person sees, and a resubmission puts it back in the queue', async () => {
    const migrant = await newMigrant(product);
    const declared = await declare(product, migrant, STREETS.datongGucheng, '2026-11-12');
    const answer = await decide(officers.token, declared.id, {
      decision: 'return',
      reasons: ['proofUnreadable', 'other'],
      note: 'Please add the building number',
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.status).toBe('returned');

    const seen = await mine(migrant, declared.id);
    expect(seen.body.status).toBe('returned');
    expect(seen.body.history.at(-1)).toMatchObject({
      event: 'returned',
      actor: 'officer',
      reasons: ['proofUnreadable', 'other'],
      note: 'Please add the building number',
    });
    const [message] = (await messagesOf(migrant)).body.items;
    expect(message).toMatchObject({ kind: 'declarationReturned', declarationId: declared.id });
    expect(message!.body).toContain('Please add the building number');
    expect(await submittedQueue()).not.toContain(declared.id);

    // Still in progress: a second declaration is refused while this one waits for correction.
    const second = await call(product, 'POST', '/api/me/declarations', { token: migrant.token, body: declarationInput(STREETS.datongYongtai, '2026-11-12') });
    expect(second.status).toBe(409);

    const resubmitted = await call(product, 'PUT', `/api/me/declarations/${declared.id}`, {
      token: migrant.token,
      body: { declaration: declarationInput(STREETS.datongGucheng, '2026-11-12'), version: seen.body.version },
    });
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    expect(await submittedQueue()).toContain(declared.id);
  });

  it('asks for at least one reason, and for a note with “other”', async () => {
    const migrant = await newMigrant(product);
    const declared = await declare(product, migrant, STREETS.datongYongtai, '2026-11-11');
    const noReasons = await decide(officers.token, declared.id, { decision: 'return', reasons: [] });
    expect(noReasons.status).toBe(400);
    expect(noReasons.body).toMatchObject({ error: { code: 'validation_failed', fields: [expect.objectContaining({ path: 'reasons' })] } });
    const otherWithoutNote = await decide(officers.token, declared.id, { decision: 'return', reasons: ['other'] });
    expect(otherWithoutNote.status).toBe(400);
    expect(otherWithoutNote.body.error.fields).toEqual([expect.objectContaining({ path: 'note' })]);
    const reasonsOnVerify = await decide(officers.token, declared.id, { decision: 'verify', reasons: ['other'] });
    expect(reasonsOnVerify.status).toBe(400);
    expect((await mine(migrant, declared.id)).body.status).toBe('submitted');
  });
});

describe('concurrency and versions', () => {
  it('lets exactly one of two officers deciding at once win, every time', async () => {
    const migrant = await newMigrant(product);
    const declared = await declare(product, migrant, STREETS.datongYongtai, '2026-11-09');
    let version = declared.version;
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all([
        decide(officers.token, declared.id, { decision: 'return', reasons: ['addressIncomplete'] }),
        decide(officers.colleague, declared.id, { decision: 'return', reasons: ['proofMissing'] }),
      ]);
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses, JSON.stringify(answers.map((a) => a.body))).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)!.body).toMatchObject({ error: { code: 'declaration_changed' } });
      const seen = await mine(migrant, declared.id);
      expect(seen.body.history.filter((h: { event: string }) => h.event === 'returned')).toHaveLength(round + 1);
      const resubmitted = await call(product, 'PUT', `/api/me/declarations/${declared.id}`, {
        token: migrant.token,
        body: { declaration: declarationInput(STREETS.datongYongtai, '2026-11-09'), version: seen.body.version },
      });
      expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
      version = resubmitted.body.version;
    }
    // Verify against return at once: still one winner.
    const answers = await Promise.all([
      decide(officers.token, declared.id, { decision: 'verify', version }),
      decide(officers.colleague, declared.id, { decision: 'return', reasons: ['other'], note: 'check', version }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
  });

  it('refuses a decision on a version the officer did not see, and a second decision', async () => {
    const migrant = await newMigrant(product);
    const declared = await declare(product, migrant, STREETS.datongGucheng, '2026-11-08');
    const stale = await decide(officers.token, declared.id, { decision: 'verify', version: declared.version + 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'declaration_changed' } });
    expect((await decide(officers.token, declared.id, { decision: 'verify' })).status).toBe(200);
    const again = await decide(officers.token, declared.id, { decision: 'return', reasons: ['other'], note: 'late' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('declaration_changed');
  });

  it('answers 404 declaration_not_found for an unknown reference', async () => {
    const answer = await decide(officers.token, 'JD20261122-0000AA', { decision: 'verify' });
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('declaration_not_found');
  });
});
