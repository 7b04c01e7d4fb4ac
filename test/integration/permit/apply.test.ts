/** Applying for a residence permit as a migrant: eligibility, documents, validity, guardians, idempotency, one in progress, correction. */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PermitApplication } from '#shared/api/permit';
import { call } from '#test/support/api-client';
import { startProduct, type TestProduct } from '#test/support/product';
import { newResident, residentWithProfile } from '#test/support/residents';
import { declare, newMigrant, type Migrant } from '#test/integration/review/migrants';
import {
  PERMIT_STREETS,
  apply,
  applicationDocuments,
  applyWithDocuments,
  issue,
  officerFor,
  overviewOf,
  registeredMigrant,
  uploadFor,
  type OrError,
} from '#test/support/permits';

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

/** Lived in Shenzhen since May: more than half a year by the time these tests run (November 2026 or later). */
const SETTLED = '2026-05-01';

const messagesOf = async (migrant: Migrant) =>
  (await call(product, 'GET', '/api/me/messages', { token: migrant.token, language: 'en' })).body.items as Array<{ kind: string; applicationId?: string; body: string }>;

const addChild = async (migrant: Migrant, name = '小明', birthDate = '2018-06-01') => {
  const answer = await call<{ id: string }>(product, 'POST', '/api/me/children', { token: migrant.token, body: { name, birthDate, schoolStatus: 'primary' } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.id;
};

describe('the permit page before and after a registered residence', () => {
  it('asks for a registered residence first: no pack, no terms, eligibility missing when residence started', async () => {
    const migrant = await newMigrant(product);
    const answer = await overviewOf(product, migrant);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ packId: null, residence: null, terms: null, children: [] });
    expect(answer.body.self.eligibility).toMatchObject({ status: 'missing', missing: ['residenceStart'] });
    expect(answer.body.self.eligibility?.reason).toContain('when you started living here');
    expect(answer.body.self.permit).toBeUndefined();
  });

  it('without a profile there is nothing to show', async () => {
    const resident = await newResident(product, '5');
    expect((await overviewOf(product, resident)).body.error.code).toBe('profile_not_found');
  });

  it('shows the national terms and "eligible" after six months of registered residence', async () => {
    const migrant = await registeredMigrant(product, PERMIT_STREETS.shenzhen, SETTLED);
    const answer = await overviewOf(product, migrant, 'zh-CN');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.packId).toBe('national');
    expect(answer.body.residence).toMatchObject({ declarationId: migrant.declarationId, moveInDate: SETTLED, address: { division: PERMIT_STREETS.shenzhen } });
    expect(answer.body.terms?.documents).toEqual(['citizenId', 'photo', 'residenceProof', 'employmentProof', 'studyProof']);
    expect(answer.body.terms?.validityChoices).toEqual([]);
    expect(answer.body.terms?.issueWithin).toContain('15');
    expect(answer.body.self).toMatchObject({ holder: 'self', name: migrant.name, eligibility: { status: 'eligible', optional: false } });
    expect(answer.body.self.eligibility?.citations.length).toBeGreaterThan(0);
  });

  it('says "not yet" with the date six months after moving in, and refuses the application until then', async () => {
    const migrant = await registeredMigrant(product, PERMIT_STREETS.shenzhen, '2026-10-01');
    const page = await overviewOf(product, migrant);
    expect(page.body.self.eligibility).toMatchObject({ status: 'notYet', on: '2027-04-01' });
    expect(page.body.self.eligibility?.reason).toContain('2027-04-01');

    const refused = await apply(product, migrant, { documents: await applicationDocuments(product, migrant) });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('permit_not_yet_eligible');
    expect(refused.body.error.message).toContain('2027-04-01');
  });
});

describe('POST /api/me/permit/applications', () => {
  it('refuses without a profile or without a registered residence', async () => {
    const resident = await newResident(product, '6');
    expect((await apply(product, resident, { documents: [] })).body.error.code).toBe('profile_required');
    const migrant = await newMigrant(product);
    await declare(product, migrant, PERMIT_STREETS.shenzhen, SETTLED);
    const answer = await apply(product, migrant, { documents: await applicationDocuments(product, migrant) });
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('residence_not_registered');
  });

  it('submits with a photo and a proof: the station, the address, the timeline, a message and an SMS', async () => {
    const migrant = await registeredMigrant(product, PERMIT_STREETS.shenzhen, SETTLED);
    const application = await applyWithDocuments(product, migrant);
    expect(application).toMatchObject({
      kind: 'first',
      status: 'submitted',
      holder: 'self',
      holderName: migrant.name,
      packId: 'national',
      station: { id: 'shenzhen-futian' },
      address: { division: PERMIT_STREETS.shenzhen },
      version: 1,
      history: [{ event: 'submitted', actor: 'migrant' }],
    });
    expect(application.id).toMatch(/^JZ\d{8}-[0-9A-Z]{6}$/);
    expect(application.validityYears).toBeUndefined();
    expect(application.documents.map((d) => d.kind)).toEqual(['photo', 'residenceProof']);
    expect(JSON.stringify(application)).not.toContain('proofs/');

    const mine = await call<PermitApplication>(product, 'GET', `/api/me/permit/applications/${application.id}`, { token: migrant.token });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual(application);
    const page = await overviewOf(product, migrant);
    expect(page.body.self.application).toMatchObject({ id: application.id, status: 'submitted' });

    const [message] = await messagesOf(migrant);
    expect(message).toMatchObject({ kind: 'permitApplied', applicationId: application.id });
    expect(message?.body).toContain(migrant.name);
    const [sms] = await product.readOutbox(migrant.phone);
    expect(sms?.text).toContain(application.id);

    const stranger = await newMigrant(product);
    const theirs = await call<OrError<PermitApplication>>(product, 'GET', `/api/me/permit/applications/${application.id}`, { token: stranger.token });
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('permit_application_not_found');
  });

  it('answers a retry with the same Idempotency-Key with the first application, and refuses the key for another body', async () => {
    const migrant = await registeredMigrant(product, PERMIT_STREETS.shenzhen, SETTLED);
    const body = { documents: await applicationDocuments(product, migrant) };
    const key = randomUUID();
    const [first, second] = await Promise.all([apply(product, migrant, body, { key }), apply(product, migrant, body, { key })]);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    const retried = await apply(product, migrant, body, { key });
    expect(retried.body.id).toBe(first.body.id);

    const other = await apply(product, migrant, { ...body, kind: 'replacement' }, { key });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });

  it('allows one application in progress per holder', async () => {
    const migrant = await registeredMigrant(product, PERMIT_STREETS.shenzhen, SETTLED);
    const first = await applyWithDocuments(product, migrant);
    const again = await apply(product, migrant, { documents: await applicationDocuments(product, migrant) }, { key: randomUUID() });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('permit_application_in_progress');
    expect(again.body.error.message).toContain(first.id);
  });

  it('checks the documents against the pack: the photo, a listed proof, kinds, purposes, owners, stored files', async () => {
    const migrant = await registeredMigrant(product, PERMIT_STREETS.shenzhen, SETTLED);
    const photo = await uploadFor(product, migrant, 'permitPhoto');
    const proof = await uploadFor(product, migrant, 'permitProof');
    const refusal = async (documents: unknown) => (await apply(product, migrant, { documents })).body.error;

    expect((await refusal([{ kind: 'residenceProof', uploadId: proof }])).code).toBe('photo_required');
    expect((await refusal([{ kind: 'photo', uploadId: photo }])).code).toBe('permit_proof_required');
    const notListed = await refusal([
      { kind: 'photo', uploadId: photo },
      { kind: 'lease', uploadId: proof },
    ]);
    expect(notListed.code).toBe('document_not_accepted');
    expect(notListed.fields).toEqual([{ path: 'documents.1.kind', message: 'Document type: choose one from the list' }]);
    expect((await refusal([{ kind: 'citizenId', uploadId: proof }, { kind: 'photo', uploadId: photo }])).code).toBe('document_not_accepted');
    expect((await refusal([{ kind: 'photo', uploadId: photo }, { kind: 'residenceProof', uploadId: photo }])).code).toBe('document_repeated');

    const wrongPurpose = await refusal([
      { kind: 'photo', uploadId: proof },
      { kind: 'residenceProof', uploadId: photo },
    ]);
    expect(wrongPurpose.code).toBe('upload_wrong_purpose');

    const stranger = await newMigrant(product);
    const theirs = await uploadFor(product, stranger, 'permitProof');
    expect((await refusal([{ kind: 'photo', uploadId: photo }, { kind: 'residenceProof', uploadId: theirs }])).code).toBe('upload_not_found');

    const ticket = await call<{ uploadId: string }>(product, 'POST', '/api/me/uploads', {
      token: migrant.token,
      body: { purpose: 'permitProof', fileName: 'lease.pdf', contentType: 'application/pdf', size: 100 },
    });
    expect((await refusal([{ kind: 'photo', uploadId: photo }, { kind: 'residenceProof', uploadId: ticket.body.uploadId }])).code).toBe('upload_not_received');

    // Nothing was written by any refusal: the photo and proof still make a valid application.
    const answer = await apply(product, migrant, { documents: [{ kind: 'photo', uploadId: photo }, { kind: 'employmentProof', uploadId: proof }] });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  });

  it('takes a photo only as a JPG or PNG image', async () => {
    const migrant = await newMigrant(product);
    const answer = await call(product, 'POST', '/api/me/uploads', {
      token: migrant.token,
      language: 'en',
      body: { purpose: 'permitPhoto', fileName: 'photo.pdf', contentType: 'application/pdf', size: 100 },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([{ path: 'contentType', message: 'File type: a photo must be a JPG or PNG image' }]);
  });

  it('offers Liaoning’s validity choices of 1, 2 or 3 years: one must be chosen', async () => {
    const migrant = await registeredMigrant(product, PERMIT_STREETS.shenyang, SETTLED);
    const page = await overviewOf(product, migrant);
    expect(page.body.packId).toBe('liaoning');
    expect(page.body.terms?.validityChoices.map((c) => c.amount)).toEqual([1, 2, 3]);
    expect(page.body.terms?.documents).toEqual(['citizenId', 'photo', 'lease', 'residenceProof']);

    const documents = await applicationDocuments(product, migrant, 'lease');
    const none = await apply(product, migrant, { documents });
    expect(none.status).toBe(422);
    expect(none.body.error).toMatchObject({ code: 'validity_required', fields: [{ path: 'validityYears' }] });
    const four = await apply(product, migrant, { documents, validityYears: 4 });
    expect(four.body.error.code).toBe('validity_not_offered');
    const two = await apply(product, migrant, { documents, validityYears: 2 });
    expect(two.status, JSON.stringify(two.body)).toBe(201);
    expect(two.body).toMatchObject({ packId: 'liaoning', validityYears: 2, station: { id: 'shenyang-taiyuanjie' } });
  });

  it('takes Datong’s one validity without asking, and refuses a guardian’s application for a child there', async () => {
    const migrant = await registeredMigrant(product, PERMIT_STREETS.datong, SETTLED);
    const child = await addChild(migrant);
    const page = await overviewOf(product, migrant);
    expect(page.body.children).toMatchObject([{ holder: child, guardianMayApply: false }]);

    const refused = await apply(product, migrant, { holder: child, documents: await applicationDocuments(product, migrant, 'leaseFilingCertificate') });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('guardian_not_allowed');

    const own = await applyWithDocuments(product, migrant, {}, 'leaseFilingCertificate');
    expect(own).toMatchObject({ packId: 'datong', validityYears: 5 });
  });

  it('lets a guardian apply for a child under the national pack, not for someone else’s child', async () => {
    const migrant = await registeredMigrant(product, PERMIT_STREETS.shenzhen, SETTLED);
    const child = await addChild(migrant, '小红');
    const page = await overviewOf(product, migrant);
    expect(page.body.children).toMatchObject([{ holder: child, name: '小红', guardianMayApply: true }]);

    const forChild = await applyWithDocuments(product, migrant, { holder: child });
    expect(forChild).toMatchObject({ holder: child, holderName: '小红' });
    // The child's application does not block the guardian's own.
    const own = await applyWithDocuments(product, migrant);
    expect(own.holder).toBe('self');

    const stranger = await registeredMigrant(product, PERMIT_STREETS.shenzhen, SETTLED);
    const notTheirs = await apply(product, stranger, { holder: child, documents: await applicationDocuments(product, stranger) });
    expect(notTheirs.status).toBe(404);
    expect(notTheirs.body.error.code).toBe('child_not_found');
  });

  it('refuses a first permit while one is held, and a replacement without one', async () => {
    const migrant = await registeredMigrant(product, PERMIT_STREETS.shenzhen, SETTLED);
    const replacement = await apply(product, migrant, { kind: 'replacement', documents: await applicationDocuments(product, migrant) });
    expect(replacement.status).toBe(422);
    expect(replacement.body.error.code).toBe('permit_not_held');

    const application = await applyWithDocuments(product, migrant);
    const issued = await issue(product, PERMIT_STREETS.shenzhen, application);
    const again = await apply(product, migrant, { documents: await applicationDocuments(product, migrant) });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('permit_already_held');
    expect(issued.permitNumber).toBeDefined();

    const lost = await apply(product, migrant, { kind: 'replacement', documents: await applicationDocuments(product, migrant) });
    expect(lost.status, JSON.stringify(lost.body)).toBe(201);
    expect(lost.body.kind).toBe('replacement');
  });
});

describe('PUT /api/me/permit/applications/{id}', () => {
  it('resubmits a returned application with corrected documents, once, at the version seen', async () => {
    const migrant = await registeredMigrant(product, PERMIT_STREETS.shenzhen, SETTLED);
    const application = await applyWithDocuments(product, migrant);
    const resubmit = (body: unknown) =>
      call<OrError<PermitApplication>>(product, 'PUT', `/api/me/permit/applications/${application.id}`, { token: migrant.token, body, language: 'en' });

    const notReturned = await resubmit({ documents: await applicationDocuments(product, migrant), version: application.version });
    expect(notReturned.status).toBe(422);
    expect(notReturned.body.error.code).toBe('application_not_returned');

    const officer = await officerFor(product, PERMIT_STREETS.shenzhen);
    const returned = await call<PermitApplication>(product, 'POST', `/api/officer/permit-applications/${application.id}/decision`, {
      token: officer.token,
      body: { action: 'return', corrections: ['photoUnsuitable'], version: application.version },
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', corrections: ['photoUnsuitable'] });

    const documents = await applicationDocuments(product, migrant);
    const stale = await resubmit({ documents, version: application.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('application_changed');

    const corrected = await resubmit({ documents, version: returned.body.version });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body).toMatchObject({ status: 'submitted', version: returned.body.version + 1 });
    expect(corrected.body.corrections).toBeUndefined();
    expect(corrected.body.documents.map((d) => d.id)).toEqual(documents.map((d) => d.uploadId));
    expect(corrected.body.history.map((h) => h.event)).toEqual(['submitted', 'returned', 'resubmitted']);
    expect((await messagesOf(migrant))[0]).toMatchObject({ kind: 'permitResubmitted', applicationId: application.id });

    const twice = await resubmit({ documents, version: corrected.body.version });
    expect(twice.body.error.code).toBe('application_not_returned');

    const stranger = await newMigrant(product);
    const theirs = await call(product, 'PUT', `/api/me/permit/applications/${application.id}`, {
      token: stranger.token,
      body: { documents, version: corrected.body.version },
    });
    expect(theirs.status).toBe(404);
  });
});

it('a profile alone is not enough either: a resident with a profile but no residence is told to register', async () => {
  const resident = await residentWithProfile(product, '7');
  const answer = await apply(product, resident, { documents: [] });
  expect(answer.body.error.code).toBe('residence_not_registered');
});
