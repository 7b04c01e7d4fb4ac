/** Declaring a residence as a migrant: checks, one transaction, idempotency, one in progress, move-out, messages. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#functions/commons/dynamo';
import { declarationIndexKeys, declarationKey, declaringKey, type DeclarationItem } from '#functions/residence/items';
import { startOfDay } from '#shared/policy/civil-time';
import { call } from '#test/support/api-client';
import { startProduct, type TestProduct } from '#test/support/product';
import {
  STREETS,
  declarationBody,
  fileOf,
  newResident,
  putBytes,
  requestUpload,
  residentWithProfile,
  uploadProof,
  type Resident,
} from '#test/support/residents';

let product: TestProduct;

beforeAll(async () => {
  product = await startProduct();
});

afterEach(() => {
  delete process.env.CLOCK_OFFSET_MS;
});

afterAll(async () => {
  await product?.close();
});

const submit = (resident: Resident, body: unknown, options: { key?: string; language?: string } = {}) =>
  fetch(`${product.url}/api/me/declarations`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${resident.token}`,
      'content-type': 'application/json',
      'accept-language': options.language ?? 'en',
      ...(options.key ? { 'idempotency-key': options.key } : {}),
    },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));

const listOf = async (resident: Resident) => (await call(product, 'GET', '/api/me/declarations', { token: resident.token })).body.items as Array<{ id: string; status: string }>;
const messagesOf = async (resident: Resident, language = 'en') =>
  (await call(product, 'GET', '/api/me/messages', { token: resident.token, language })).body.items as Array<{ kind: string; title: string; body: string; declarationId: string }>;

/** "Today" moved to a Shanghai date, for the dates the Xinjiang example needs. */
function pretendToday(date: string) {
  process.env.CLOCK_OFFSET_MS = String(startOfDay(date).getTime() + 10 * 3600 * 1000 - Date.now());
}

/** The officer's return, written directly: this suite is about the migrant's side. */
async function markReturned(id: string) {
  const { Attributes } = await db().send(
    new UpdateCommand({ TableName: process.env.TABLE_NAME, Key: declarationKey(id), UpdateExpression: 'SET #s = :r, version = version + :one', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':r': 'returned', ':one': 1 }, ReturnValues: 'ALL_NEW' }),
  );
  const item = Attributes as DeclarationItem;
  await db().send(new UpdateCommand({ TableName: process.env.TABLE_NAME, Key: declarationKey(id), UpdateExpression: 'SET gsi2pk = :g2, gsi3pk = :g3', ExpressionAttributeValues: { ':g2': declarationIndexKeys(item).gsi2pk, ':g3': declarationIndexKeys(item).gsi3pk } }));
  return item;
}

async function markRegistered(id: string) {
  await db().send(new UpdateCommand({ TableName: process.env.TABLE_NAME, Key: declarationKey(id), UpdateExpression: 'SET #s = :r', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':r': 'registered' } }));
}

describe('GET /api/me/declarations/deadline', () => {
  it('gives the Xinjiang deadline: 3 working days from 2026-09-30 end on 2026-10-10, proof required', async () => {
    const resident = await newResident(product, '2');
    pretendToday('2026-10-09');
    const answer = await call(product, 'GET', `/api/me/declarations/deadline?division=${STREETS.urumqi}&moveInDate=2026-09-30`, { token: resident.token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({
      packId: 'xinjiang',
      place: { division: STREETS.urumqi, path: ['新疆维吾尔自治区', '乌鲁木齐市', '天山区', '燕儿窝街道'] },
      station: { id: 'urumqi-hepinglu' },
      deadline: { lastDay: '2026-10-10', filing: 'onTime', rule: { kind: 'after', within: { amount: 3, unit: 'workingDays' } } },
      documents: ['citizenId', 'residenceProof'],
      proofRequired: true,
    });
    const change = await call(product, 'GET', `/api/me/declarations/deadline?division=${STREETS.urumqi}&moveInDate=2026-09-30&change=true`, { token: resident.token });
    expect(change.body.deadline.rule).toMatchObject({ within: { amount: 3, unit: 'workingDays' } });
  });

  it('answers 404 for a street that does not exist, and null station and deadline where none apply', async () => {
    const resident = await newResident(product, '2');
    const nowhere = await call(product, 'GET', '/api/me/declarations/deadline?division=650102999&moveInDate=2026-09-30', { token: resident.token });
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.error.code).toBe('division_not_found');
    const beijing = await call(product, 'GET', `/api/me/declarations/deadline?division=${STREETS.beijing}&moveInDate=2026-09-30`, { token: resident.token });
    expect(beijing.body).toMatchObject({ packId: 'national', station: null, deadline: null, proofRequired: false });
  });
});

describe('POST /api/me/uploads and the local blob store', () => {
  it('refuses a file type or size the portal does not take, with translated field messages', async () => {
    const resident = await newResident(product, '2');
    const wrongType = await requestUpload(product, resident, 'application/zip', 100, 'zh-CN');
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error?.fields).toEqual([{ path: 'contentType', message: '文件类型：只能上传 JPG、PNG 图片或 PDF 文件' }]);
    const tooLarge = await requestUpload(product, resident, 'application/pdf', 6 * 1024 * 1024, 'en');
    expect(tooLarge.body.error?.fields).toEqual([{ path: 'size', message: 'File size: the file must not be larger than 5 MB' }]);
  });

  it('stores exactly the signed type and size, and nothing at a tampered URL', async () => {
    const resident = await newResident(product, '2');
    const ticket = (await requestUpload(product, resident, 'image/png', 64)).body;
    expect(ticket.url).toMatch(/^\/api\/local-blobs\/proofs\//);
    expect((await putBytes(product, ticket, fileOf('png', 65))).status).toBe(403);
    expect((await putBytes(product, ticket, fileOf('png'), { 'content-type': 'application/pdf' })).status).toBe(403);
    const tampered = { ...ticket, url: ticket.url.replace('size=64', 'size=65') };
    expect((await putBytes(product, tampered, fileOf('png', 65))).status).toBe(403);
    const escape = { ...ticket, url: ticket.url.replace(/proofs\/[^?]+/, 'proofs/../../local-secrets.json') };
    expect((await putBytes(product, escape, fileOf('png'))).status).toBeGreaterThanOrEqual(400);
    expect((await putBytes(product, ticket, fileOf('png'))).status).toBe(200);
  });
});

describe('POST /api/me/declarations', () => {
  it('needs a profile', async () => {
    const resident = await newResident(product, '2');
    const answer = await submit(resident, declarationBody(STREETS.shenzhen, '2026-11-01'));
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('profile_required');
  });

  it('refuses a future move-in date and an unknown street together, and writes nothing', async () => {
    const resident = await residentWithProfile(product, '2');
    const answer = await submit(resident, declarationBody('650102999', '2099-01-01'), { key: 'refused-once-1' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([
      { path: 'address.division', message: 'Street or township: there is no such division; choose it from the list' },
      { path: 'moveInDate', message: 'Move-in date: cannot be later than today' },
    ]);
    const beforeBirth = await submit(resident, declarationBody(STREETS.shenzhen, '1980-01-01'), { language: 'zh-CN' });
    expect(beforeBirth.body.error.fields).toEqual([{ path: 'moveInDate', message: '入住日期：不能早于您的出生日期' }]);
    expect(await listOf(resident)).toEqual([]);
    expect(await messagesOf(resident)).toEqual([]);
    // The key of the refused request was not used up.
    expect((await submit(resident, declarationBody(STREETS.shenzhen, '2026-11-01'), { key: 'refused-once-1' })).status).toBe(201);
  });

  it('sends an area without an online station to the police station (422)', async () => {
    const resident = await residentWithProfile(product, '2');
    const answer = await submit(resident, declarationBody(STREETS.beijing, '2026-11-01'));
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('no_station_for_division');
  });

  it('requires proof of residence in Xinjiang, and checks it is the caller’s, stored and what it claims to be', async () => {
    const resident = await residentWithProfile(product, '2');
    const body = declarationBody(STREETS.urumqi, '2026-11-02');
    const missing = await submit(resident, body);
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'proof_required', fields: [{ path: 'proofUploadId' }] });

    const notSent = (await requestUpload(product, resident, 'image/png', 64)).body.uploadId;
    expect((await submit(resident, { ...body, proofUploadId: notSent })).body.error.code).toBe('upload_not_received');

    const disguised = await uploadProof(product, resident, fileOf('exe'), 'image/png');
    const mismatch = await submit(resident, { ...body, proofUploadId: disguised });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.code).toBe('upload_content_mismatch');

    const stranger = await residentWithProfile(product, '2');
    const theirs = await uploadProof(product, stranger, fileOf('pdf'), 'application/pdf');
    const foreign = await submit(resident, { ...body, proofUploadId: theirs });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('upload_not_found');
    expect(await listOf(resident)).toEqual([]);
  });

  it('declares the Xinjiang example with proof, tells the person in 消息 and by SMS in Uyghur', async () => {
    const resident = await residentWithProfile(product, '2', 'ug');
    const proof = await uploadProof(product, resident, fileOf('jpeg'), 'image/jpeg');
    pretendToday('2026-10-09');
    const answer = await submit(resident, declarationBody(STREETS.urumqi, '2026-09-30', { proofUploadId: proof }), { language: 'zh-CN' });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body).toMatchObject({
      id: expect.stringMatching(/^JD20261009-[0-9A-Z]{6}$/),
      status: 'submitted',
      packId: 'xinjiang',
      station: { id: 'urumqi-hepinglu' },
      deadline: { lastDay: '2026-10-10', filing: 'onTime' },
      documents: [{ id: proof, kind: 'residenceProof', contentType: 'image/jpeg' }],
      version: 1,
      history: [{ event: 'submitted', actor: 'migrant' }],
    });
    expect(JSON.stringify(answer.body)).not.toContain('proofs/');

    const [message] = await messagesOf(resident, 'en');
    expect(message).toMatchObject({ kind: 'declarationSubmitted', declarationId: answer.body.id });
    expect(message!.body).toContain('新疆维吾尔自治区乌鲁木齐市天山区燕儿窝街道和平路8号');
    // Found by its text: the outbox sorts by the shifted clock, the sign-in code by the real one.
    const sms = (await product.readOutbox(resident.phone)).find((m) => m.text.includes(answer.body.id));
    expect(sms?.text).toMatch(/[\u0600-\u06FF]/);
  });

  it('returns the first declaration for a retry with the same key, and refuses the key with another body', async () => {
    const resident = await residentWithProfile(product, '2');
    const body = declarationBody(STREETS.shenzhen, '2026-11-01');
    const first = await submit(resident, body, { key: 'retry-key-0001' });
    const again = await submit(resident, { ...body, address: { ...body.address, detail: `  ${body.address.detail} ` } }, { key: 'retry-key-0001' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(first.body.deadline).toBeNull(); // the national pack leaves it to local rules
    const other = await submit(resident, declarationBody(STREETS.shenzhen, '2026-11-02'), { key: 'retry-key-0001' });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect((await listOf(resident)).map((d) => d.id)).toEqual([first.body.id]);
    expect((await submit(resident, body, { key: 'bad key!' })).status).toBe(400);
  });

  it('allows one declaration in progress: concurrent submissions give one 201 and one 409, the same key twice gives one declaration', async () => {
    const resident = await residentWithProfile(product, '2');
    const answers = await Promise.all([
      submit(resident, declarationBody(STREETS.shenzhen, '2026-11-01'), { key: 'race-key-a1' }),
      submit(resident, declarationBody(STREETS.shenzhen, '2026-11-02'), { key: 'race-key-b1' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const winner = answers.find((a) => a.status === 201)!.body;
    const loser = answers.find((a) => a.status === 409)!.body;
    expect(loser.error.code).toBe('declaration_in_progress');
    expect(loser.error.message).toContain(winner.id);

    const twin = await residentWithProfile(product, '2');
    const same = await Promise.all([1, 2].map(() => submit(twin, declarationBody(STREETS.shenzhen, '2026-11-01'), { key: 'twin-key-01' })));
    expect(same.map((a) => a.status)).toEqual([201, 201]);
    expect(same[0]!.body.id).toBe(same[1]!.body.id);
    expect(await listOf(twin)).toHaveLength(1);
  });
});

describe('reading declarations', () => {
  it('shows a person their own declarations only, newest first, a page at a time', async () => {
    const a = await residentWithProfile(product, '2');
    const b = await residentWithProfile(product, '2');
    const first = (await submit(a, declarationBody(STREETS.shenzhen, '2026-10-01'))).body;
    await call(product, 'POST', `/api/me/declarations/${first.id}/move-out`, { token: a.token, body: { movedOutOn: '2026-10-20' } });
    const second = (await submit(a, declarationBody(STREETS.shenzhen, '2026-10-21'))).body;

    const page1 = await call(product, 'GET', '/api/me/declarations?limit=1', { token: a.token });
    expect(page1.body.items.map((d: { id: string }) => d.id)).toEqual([second.id]);
    const page2 = await call(product, 'GET', `/api/me/declarations?limit=1&cursor=${page1.body.cursor}`, { token: a.token });
    expect(page2.body.items.map((d: { id: string }) => d.id)).toEqual([first.id]);

    const forged = Buffer.from(JSON.stringify({ pk: `DECL#${first.id}`, sk: 'DECL', gsi1pk: 'PERSON#someone-else#DECLS', gsi1sk: `x#${first.id}` })).toString('base64url');
    const tampered = await call(product, 'GET', `/api/me/declarations?cursor=${forged}`, { token: a.token, language: 'en' });
    expect(tampered.status).toBe(400);
    expect(tampered.body.error.fields).toEqual([{ path: 'cursor', message: 'Page position: not valid' }]);
    expect((await call(product, 'GET', '/api/me/declarations?cursor=not-json', { token: a.token })).status).toBe(400);

    expect((await call(product, 'GET', `/api/me/declarations/${second.id}`, { token: a.token })).body.id).toBe(second.id);
    const theirs = await call(product, 'GET', `/api/me/declarations/${second.id}`, { token: b.token });
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('declaration_not_found');
    expect(await listOf(b)).toEqual([]);

    const messages = await call(product, 'GET', '/api/me/messages?limit=2', { token: a.token, language: 'en' });
    expect(messages.body.items.map((m: { kind: string }) => m.kind)).toEqual(['declarationSubmitted', 'declarationEnded']);
    const older = await call(product, 'GET', `/api/me/messages?limit=2&cursor=${messages.body.cursor}`, { token: a.token });
    expect(older.body.items.map((m: { kind: string }) => m.kind)).toEqual(['declarationSubmitted']);
  });
});

describe('correcting, changing and moving out', () => {
  it('resubmits a returned declaration at its version, with the corrected address', async () => {
    const resident = await residentWithProfile(product, '2');
    const declared = (await submit(resident, declarationBody(STREETS.urumqi, '2026-11-10', { proofUploadId: await uploadProof(product, resident, fileOf('pdf'), 'application/pdf') }))).body;
    const resubmit = (version: number, body: unknown) =>
      call(product, 'PUT', `/api/me/declarations/${declared.id}`, { token: resident.token, language: 'en', body: { declaration: body, version } });
    const corrected = declarationBody(STREETS.urumqiOther, '2026-11-10', { proofUploadId: declared.documents[0].id });

    const notReturned = await resubmit(declared.version, corrected);
    expect(notReturned.status).toBe(409);
    expect(notReturned.body.error.code).toBe('declaration_changed');

    const returned = await markReturned(declared.id);
    expect((await resubmit(declared.version, corrected)).body.error.code).toBe('declaration_changed');
    const noProof = await resubmit(returned.version, { ...corrected, proofUploadId: undefined });
    expect(noProof.body.error).toMatchObject({ code: 'proof_required', fields: [{ path: 'declaration.proofUploadId', message: 'Proof of residence: required' }] });

    const answer = await resubmit(returned.version, corrected);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'submitted',
      version: returned.version + 1,
      address: { division: STREETS.urumqiOther },
      submittedAt: declared.submittedAt,
    });
    expect(answer.body.history.map((h: { event: string }) => h.event)).toEqual(['submitted', 'resubmitted']);
    expect((await messagesOf(resident))[0]!.kind).toBe('declarationResubmitted');
  });

  it('accepts a change of address only for a registered residence', async () => {
    const resident = await residentWithProfile(product, '2');
    const first = (await submit(resident, declarationBody(STREETS.shenzhen, '2026-10-01'))).body;
    await call(product, 'POST', `/api/me/declarations/${first.id}/move-out`, { token: resident.token, body: { movedOutOn: '2026-10-02' } });
    const early = await submit(resident, declarationBody(STREETS.shenzhen, '2026-11-01', { changeOf: first.id }));
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('change_of_not_registered');

    const registered = (await submit(resident, declarationBody(STREETS.shenzhen, '2026-10-05'))).body;
    await markRegistered(registered.id);
    // The officer's verification releases the one-in-progress pointer; here the test does.
    await db().send(new DeleteCommand({ TableName: process.env.TABLE_NAME, Key: declaringKey(await accountOf(resident)) }));
    const change = await submit(resident, declarationBody(STREETS.urumqi, '2026-11-01', { changeOf: registered.id, proofUploadId: await uploadProof(product, resident, fileOf('png')) }));
    expect(change.status, JSON.stringify(change.body)).toBe(201);
    expect(change.body).toMatchObject({ changeOf: registered.id, deadline: { rule: { from: expect.any(String) } } });
  });

  it('moves out: not before moving in, ends the declaration with the change deadline, and frees the person to declare again', async () => {
    const resident = await residentWithProfile(product, '2', 'en');
    const declared = (await submit(resident, declarationBody(STREETS.urumqi, '2026-10-12', { proofUploadId: await uploadProof(product, resident, fileOf('png')) }))).body;
    const moveOut = (body: unknown) => call(product, 'POST', `/api/me/declarations/${declared.id}/move-out`, { token: resident.token, language: 'en', body });

    const tooEarly = await moveOut({ movedOutOn: '2026-10-11' });
    expect(tooEarly.body.error.fields).toEqual([{ path: 'movedOutOn', message: 'Move-out date: cannot be before the move-in date' }]);
    expect((await moveOut({ movedOutOn: '2099-01-01' })).body.error.fields[0].path).toBe('movedOutOn');
    expect((await moveOut({ movedOutOn: '2026-10-20', version: 7 })).body.error.code).toBe('declaration_changed');

    const ended = await moveOut({ movedOutOn: '2026-10-12', version: declared.version });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', version: 2, movedOut: { on: '2026-10-12', deadline: { lastDay: '2026-10-15', filing: 'late' } } });
    expect((await moveOut({ movedOutOn: '2026-10-13' })).body.error.code).toBe('declaration_changed');

    const [message] = await messagesOf(resident);
    expect(message).toMatchObject({ kind: 'declarationEnded', body: expect.stringContaining('2026-10-12') });
    const [sms] = await product.readOutbox(resident.phone);
    expect(sms!.text).toBe(`[Migrant services] Your residence registration ${declared.id} has ended.`);
    expect((await submit(resident, declarationBody(STREETS.shenzhen, '2026-10-13'))).status).toBe(201);
  });
});

async function accountOf(resident: Resident): Promise<string> {
  return (await call<{ id: string }>(product, 'GET', '/api/me', { token: resident.token })).body.id;
}
