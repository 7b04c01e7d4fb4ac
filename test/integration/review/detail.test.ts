/** Reading a declaration as an officer: station-bound, masked, audited; the full ID number only on a stated purpose. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, type TestProduct } from '#test/support/product';
import { call } from '#test/support/api-client';
import { maskCitizenId } from '#shared/residence/citizen-id';
import type { DeclarationForReview } from '#shared/api/review';
import { DATONG, STREETS, URUMQI, type OrError, auditByOfficer, auditOf, auditStoreDown, declare, newMigrant, officersOf, pinToday, unpinToday, type Declared, type Migrant } from './migrants.ts';

let product: TestProduct;
let datong: Awaited<ReturnType<typeof officersOf>>;
let urumqi: Awaited<ReturnType<typeof officersOf>>;
let migrant: Migrant;
let declared: Declared;

const detail = (token: string, id: string) => call<OrError<DeclarationForReview>>(product, 'GET', `/api/officer/declarations/${id}`, { token });
const reveal = (token: string, id: string, purpose = '核对身份证件') =>
  call<OrError<{ citizenId: string }>>(product, 'POST', `/api/officer/declarations/${id}/citizen-id`, { token, body: { purpose } });

beforeAll(async () => {
  product = await startProduct();
  datong = await officersOf(product, DATONG);
  urumqi = await officersOf(product, URUMQI);
  migrant = await newMigrant(product, '阿依古丽');
  const child = await call(product, 'POST', '/api/me/children', {
    token: migrant.token,
    body: { name: '小明', birthDate: '2020-05-01', sex: 'male', schoolStatus: 'kindergarten' },
  });
  expect(child.status, JSON.stringify(child.body)).toBe(201);
  // 3 working days from Monday 2026-11-16 (Xinjiang): Thursday 2026-11-19.
  declared = await declare(product, migrant, STREETS.urumqiYanerwo, '2026-11-16');
});

afterAll(async () => {
  unpinToday();
  await product?.close();
});

describe('a declaration for review', () => {
  it('shows the declaration, the person with a masked ID number, the children and short-lived document links', async () => {
    pinToday('2026-11-17');
    let answer;
    try {
      answer = await detail(urumqi.token, declared.id);
    } finally {
      unpinToday();
    }
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({
      id: declared.id,
      status: 'submitted',
      station: { id: URUMQI },
      packId: 'xinjiang',
      deadline: { lastDay: '2026-11-19' },
      workingDaysLeft: 2,
      person: { name: '阿依古丽', citizenIdMasked: maskCitizenId(migrant.citizenId), phone: migrant.phone, birthDate: '1990-03-07' },
      children: [expect.objectContaining({ name: '小明', birthDate: '2020-05-01' })],
    });
    expect(JSON.stringify(answer.body)).not.toContain(migrant.citizenId);

    // The link is signed with the product's clock: read it again on the real date to open it.
    const [proof] = (await detail(urumqi.token, declared.id)).body.documents;
    expect(proof).toMatchObject({ kind: 'residenceProof', contentType: 'image/png' });
    const file = await fetch(new URL(proof!.url!, product.url));
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
  });

  it('records every read in the person’s audit trail and under the officer', async () => {
    const before = (await auditOf(product, migrant.accountId)).length;
    expect((await detail(urumqi.token, declared.id)).status).toBe(200);
    const events = await auditOf(product, migrant.accountId);
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ action: 'viewDeclaration', officerId: urumqi.id, stationId: URUMQI, declarationId: declared.id });
    const byOfficer = await auditByOfficer(product, urumqi.id);
    expect(byOfficer.some((e) => e.id === events.at(-1)!.id)).toBe(true);
  });

  it('reveals the full ID number for a stated purpose and audits it with the purpose', async () => {
    const answer = await reveal(urumqi.colleague, declared.id, '现场核验身份');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.citizenId).toBe(migrant.citizenId);
    const events = await auditOf(product, migrant.accountId);
    expect(events.at(-1)).toMatchObject({
      action: 'revealCitizenId',
      officerId: urumqi.colleagueId,
      declarationId: declared.id,
      purpose: '现场核验身份',
      gsi1pk: `OFFICER#${urumqi.colleagueId}#AUDIT`,
    });
  });

  it('does not reveal the number when its audit record cannot be written', async () => {
    const spy = auditStoreDown();
    try {
      const answer = await reveal(urumqi.token, declared.id);
      expect(answer.status).toBe(500);
      expect(JSON.stringify(answer.body)).not.toContain(migrant.citizenId);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('asks for a purpose before revealing', async () => {
    const answer = await reveal(urumqi.token, declared.id, ' ');
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([expect.objectContaining({ path: 'purpose' })]);
  });

  it('refuses another station’s officer on the detail, the reveal and the decision, and audits nothing', async () => {
    const before = (await auditOf(product, migrant.accountId)).length;
    for (const answer of [
      await detail(datong.token, declared.id),
      await reveal(datong.token, declared.id),
      await call(product, 'POST', `/api/officer/declarations/${declared.id}/decision`, { token: datong.token, body: { decision: 'verify' } }),
    ]) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(403);
      expect(answer.body.error.code).toBe('not_your_station');
    }
    expect(await auditOf(product, migrant.accountId)).toHaveLength(before);
    const mine = await call(product, 'GET', `/api/me/declarations/${declared.id}`, { token: migrant.token });
    expect(mine.body.status).toBe('submitted');
  });

  it('answers 404 declaration_not_found for a reference that does not exist', async () => {
    for (const answer of [await detail(urumqi.token, 'JD20261122-0000AA'), await reveal(urumqi.token, 'JD20261122-0000AA')]) {
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('declaration_not_found');
    }
  });
});
