/** 我的权益 over HTTP: the caller's own record decided by the registered street's pack, with "what if" by day and by a valid permit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#functions/commons/dynamo';
import { holderPermitKey, permitKey, type PermitItem } from '#functions/permit/items';
import type { EntitlementView } from '#shared/api/permit';
import { addDays, addYears, shanghaiDate } from '#shared/policy/civil-time';
import { packById } from '#shared/policy/registry';
import { issuedClock } from '#shared/permit/schedule';
import { call } from '#test/support/api-client';
import { startProduct, type TestProduct } from '#test/support/product';
import { PERMIT_STREETS, officerFor, registeredMigrant } from '#test/support/permits';
import { DATONG, newMigrant, type Migrant, type OrError } from '../review/migrants.ts';

interface Answer {
  packId: string | null;
  asOf: string;
  assumed: string[];
  people: Array<{ who: string; name: string; groups: Array<{ area: string; items: EntitlementView[] }> }>;
}

let product: TestProduct;
let holder: Migrant & { childId: string };
const today = shanghaiDate(new Date());
const pack = packById('datong');
const needsPermit = new Set(pack.entitlements!.filter((e) => e.conditions.some((c) => c.kind === 'permit')).map((e) => e.id));

const entitlements = (migrant: Migrant, query = '', language = 'en') =>
  call<OrError<Answer>>(product, 'GET', `/api/me/entitlements${query}`, { token: migrant.token, language });
const items = (answer: Answer, who: string) => answer.people.find((p) => p.who === who)!.groups.flatMap((g) => g.items);
const item = (answer: Answer, who: string, id: string) => items(answer, who).find((i) => i.id === id)!;

/** Adds an accompanying child, born 2020-09-01, to the migrant's household. */
async function withChild(migrant: Migrant): Promise<Migrant & { childId: string }> {
  const child = await call<{ id: string }>(product, 'POST', '/api/me/children', {
    token: migrant.token,
    body: { name: '小明', birthDate: '2020-09-01', schoolStatus: 'kindergarten' },
  });
  expect(child.status, JSON.stringify(child.body)).toBe(201);
  return { ...migrant, childId: child.body.id };
}

/** A migrant with a child and a residence in Datong the station has verified. */
const householdInDatong = async () => withChild(await registeredMigrant(product, PERMIT_STREETS.datong, addDays(today, -3)));

/** A valid five-year Datong permit issued today, stored as the approval stores it (item and holder pointer). */
async function givePermit(migrant: Migrant): Promise<void> {
  const id = `permit-${migrant.accountId}`;
  const now = new Date().toISOString();
  const permit: PermitItem = {
    ...permitKey(id),
    sk: 'PERMIT',
    ...issuedClock(today, { amount: 5, unit: 'years' }),
    id,
    number: '1402-2026-ABC123',
    accountId: migrant.accountId,
    holder: 'self',
    holderName: migrant.name,
    packId: 'datong',
    stationId: DATONG,
    declarationId: 'JD00000000-000000',
    address: { division: PERMIT_STREETS.datong, path: ['山西省', '大同市', '平城区'], detail: '幸福小区 1 号楼' },
    city: { code: '1402', name: '大同市' },
    photo: { blobKey: 'photos/test.png', contentType: 'image/png' },
    applicationId: 'JZ00000000-000000',
    endorsements: [],
    issuedAt: now,
    updatedAt: now,
    version: 1,
  };
  await db().send(new PutCommand({ TableName: product.tableName, Item: permit }));
  await db().send(new PutCommand({ TableName: product.tableName, Item: { ...holderPermitKey(migrant.accountId, 'self'), permitId: id } }));
}

beforeAll(async () => {
  product = await startProduct();
  holder = await householdInDatong();
});

afterAll(async () => {
  await product?.close();
});

describe('without a permit', () => {
  it('decides by the registered street’s pack: every permit-conditioned entitlement is not available, with the reason', async () => {
    const answer = await entitlements(holder);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ packId: 'datong', asOf: today, assumed: [] });
    expect(answer.body.people.map((p) => [p.who, p.name])).toEqual([
      ['self', holder.name],
      [holder.childId, '小明'],
    ]);
    const all = [...items(answer.body, 'self'), ...items(answer.body, holder.childId)];
    expect(all.map((i) => i.id).sort()).toEqual(pack.entitlements!.map((e) => e.id).sort());
    for (const entry of all.filter((i) => needsPermit.has(i.id))) {
      expect(entry.status, entry.id).toBe('notEligible');
      expect(entry.reason, entry.id).toContain('You hold a valid residence permit');
    }
  });

  it('the child’s school place: education, where to apply and the citation', async () => {
    const { body } = await entitlements(holder);
    const groups = body.people.find((p) => p.who === holder.childId)!.groups;
    expect(groups[0]!.area).toBe('education');
    const school = item(body, holder.childId, 'compulsory-education');
    const rule = pack.entitlements!.find((e) => e.id === 'compulsory-education')!;
    expect(school).toMatchObject({ area: 'education', service: rule.service, status: 'notEligible', apply: rule.apply, citation: rule.citation });
    expect(items(body, 'self').some((i) => i.id === 'compulsory-education')).toBe(false);
  });

  it('assume=permitValid: the same entitlements become available, and the answer says what was assumed', async () => {
    const answer = await entitlements(holder, '?assume=permitValid');
    expect(answer.status).toBe(200);
    expect(answer.body.assumed).toEqual(['permitValid']);
    expect(item(answer.body, 'self', 'social-insurance')).toMatchObject({ status: 'eligible', reason: 'You qualify' });
    expect(item(answer.body, holder.childId, 'compulsory-education').status).toBe('eligible');
    for (const entry of [...items(answer.body, 'self'), ...items(answer.body, holder.childId)]) {
      if (needsPermit.has(entry.id)) expect(entry.reason, entry.id).not.toContain('valid residence permit');
    }
  });

  it('the reasons come in the request’s language', async () => {
    const reasons = await Promise.all(
      ['zh-CN', 'en', 'ug'].map(async (language) => item((await entitlements(holder, '', language)).body, 'self', 'legal-aid').reason),
    );
    expect(reasons[0]).toContain('持有有效的居住证');
    expect(reasons[1]).toContain('valid residence permit');
    expect(reasons[2]).toContain('گۇۋاھنامى');
    expect(new Set(reasons).size).toBe(3);
  });
});

describe('the day asked about', () => {
  it('asOf decides on that day and says so', async () => {
    const later = addDays(today, 40);
    const answer = await entitlements(holder, `?asOf=${later}&assume=permitValid`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ asOf: later, assumed: ['permitValid'] });
  });

  it('rejects a day that is not a date, and a question of the wrong kind', async () => {
    const notADate = await entitlements(holder, '?asOf=2027-02-30');
    expect(notADate.status).toBe(400);
    expect(notADate.body.error.fields).toEqual([expect.objectContaining({ path: 'asOf' })]);
    const unknown = await entitlements(holder, '?assume=rich');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual([expect.objectContaining({ path: 'assume' })]);
  });

  it('rejects a day more than 20 years away, naming the field in the request’s language', async () => {
    const tooFar = addDays(addYears(today, 20), 1);
    const en = await entitlements(holder, `?asOf=${tooFar}`);
    expect(en.status).toBe(422);
    expect(en.body.error).toMatchObject({
      code: 'as_of_out_of_range',
      message: expect.stringContaining('20 years'),
      fields: [{ path: 'asOf', message: expect.stringContaining('Date to look at') }],
    });
    const zh = await entitlements(holder, `?asOf=${addYears(today, -21)}`, 'zh-CN');
    expect(zh.status).toBe(422);
    expect(zh.body.error.fields![0]!.message).toContain('查看的日期');
    expect((await entitlements(holder, `?asOf=${addYears(today, 20)}`)).status).toBe(200);
  });
});

describe('with a valid permit', () => {
  it('the permit’s entitlements are available without assuming anything, for the holder and the child', async () => {
    const holding = await householdInDatong();
    await givePermit(holding);
    const answer = await entitlements(holding);
    expect(answer.status).toBe(200);
    expect(answer.body.assumed).toEqual([]);
    expect(item(answer.body, 'self', 'social-insurance').status).toBe('eligible');
    expect(item(answer.body, 'self', 'public-transport-discount').status).toBe('eligible');
    expect(item(answer.body, holding.childId, 'compulsory-education').status).toBe('eligible');
    // Five years on, the permit has expired unless renewed: the what-if says so, and the assumption answers "if I renew".
    const later = addDays(addYears(today, 5), 1);
    expect(item((await entitlements(holding, `?asOf=${later}`)).body, 'self', 'social-insurance').status).toBe('notEligible');
    expect(item((await entitlements(holding, `?asOf=${later}&assume=permitValid`)).body, 'self', 'social-insurance').status).toBe('eligible');
  });
});

describe('whose record', () => {
  it('before a residence is registered nothing is decided, and nobody else’s record is read', async () => {
    const newcomer = await newMigrant(product, '赵敏');
    const answer = await entitlements(newcomer);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ packId: null, asOf: today, assumed: [], people: [] });
  });

  it('each resident sees only their own household', async () => {
    const other = await householdInDatong();
    const mine = await entitlements(holder);
    const theirs = await entitlements(other);
    expect(theirs.body.people.map((p) => p.who)).toEqual(['self', other.childId]);
    expect(mine.body.people.map((p) => p.who)).not.toContain(other.childId);
  });

  it('is for residents only', async () => {
    expect((await call(product, 'GET', '/api/me/entitlements', {})).status).toBe(401);
    const officer = await officerFor(product, PERMIT_STREETS.datong);
    expect((await call(product, 'GET', '/api/me/entitlements', { token: officer.colleague })).status).toBe(403);
  });
});
