/**
 * The permit's photo, as the officer, the holder and a checker are shown it: the file submitted and
 * no other (a PUT to its upload URL after the application is refused; bytes changed behind the
 * store's back are not served, and the views say the photo failed its integrity check), and the
 * public check names no account — not even for a photo stored under a key that named its holder.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PermitCard } from '#shared/api/permit';
import { localBlobPath, writeLocalBlob } from '#functions/commons/blob-store';
import { db } from '#functions/commons/dynamo';
import { permitKey } from '#functions/permit/items';
import { call } from '#test/support/api-client';
import { startProduct, type TestProduct } from '#test/support/product';
import { apply, issue, officerFor, overviewOf, PERMIT_STREETS, registeredMigrant, uploadFor, verify, type OrError } from '#test/support/permits';
import type { ForReview } from '#test/integration/permit-review/applications';
import { fileOf, putBytes, type Ticket } from '#test/support/residents';

const STREET = PERMIT_STREETS.shenzhen;

let product: TestProduct;

beforeAll(async () => {
  product = await startProduct();
});

afterAll(async () => {
  await product?.close();
});

/** A JPEG of `size` bytes whose bytes after the signature are all `fill`. */
function jpeg(fill: number, size = 512): Uint8Array<ArrayBuffer> {
  const bytes = fileOf('jpeg', size);
  bytes.fill(fill, 4);
  return bytes;
}

const keyOf = (ticket: Ticket) => decodeURIComponent(new URL(ticket.url, 'http://x').pathname.replace('/api/local-blobs/', ''));
const bytesAt = async (url: string) => new Uint8Array(await (await fetch(new URL(url, product.url))).arrayBuffer());

/** A registered migrant who applied with `photo` (its ticket kept) and a proof; the application. */
async function appliedWith(photo: Uint8Array<ArrayBuffer>) {
  const migrant = await registeredMigrant(product, STREET, '2026-05-01');
  const ticket = await call<Ticket>(product, 'POST', '/api/me/uploads', {
    token: migrant.token,
    body: { purpose: 'permitPhoto', fileName: 'photo.jpg', contentType: 'image/jpeg', size: photo.length },
  });
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  expect((await putBytes(product, ticket.body, photo)).status).toBe(200);
  const documents = [
    { kind: 'photo', uploadId: ticket.body.uploadId },
    { kind: 'residenceProof', uploadId: await uploadFor(product, migrant, 'permitProof') },
  ];
  const applied = await apply(product, migrant, { documents }, { key: randomUUID() });
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  return { migrant, ticket: ticket.body, application: applied.body };
}

const officerView = async (id: string) => {
  const officer = await officerFor(product, STREET);
  const answer = await call<OrError<ForReview>>(product, 'GET', `/api/officer/permit-applications/${id}`, { token: officer.token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
};

const photoOf = (view: ForReview) => view.documents.find((d) => d.kind === 'photo')!;

async function cardOf(migrant: { token: string }): Promise<PermitCard> {
  const overview = await overviewOf(product, migrant);
  expect(overview.status, JSON.stringify(overview.body)).toBe(200);
  return overview.body.self.permit as PermitCard;
}

async function verified(card: PermitCard) {
  const answer = await verify(product, card.qr.token);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

describe('the photo of an application', () => {
  it('cannot be replaced after the application: the officer, the card and the check all show the photo submitted', async () => {
    const original = jpeg(1);
    const { migrant, ticket, application } = await appliedWith(original);
    expect((await putBytes(product, ticket, jpeg(2))).status).toBe(412);

    const photo = photoOf(await officerView(application.id));
    expect(photo).not.toHaveProperty('integrity');
    expect(await bytesAt(photo.url!)).toEqual(original);

    await issue(product, STREET, application);
    // Once issued, too: the URL is still within its quarter of an hour.
    expect((await putBytes(product, ticket, jpeg(3))).status).toBe(412);
    const card = await cardOf(migrant);
    expect(await bytesAt(card.photoUrl!)).toEqual(original);
    const check = await verified(card);
    expect(check.holder).not.toHaveProperty('photoIntegrity');
    expect(await bytesAt(check.holder.photoUrl!)).toEqual(original);
  });

  it('is not served when its bytes changed behind the store’s back: officer, card and check say it failed its integrity check', async () => {
    const { migrant, ticket, application } = await appliedWith(jpeg(5));
    const approved = await issue(product, STREET, application);
    await writeFile(localBlobPath(keyOf(ticket), 'data')!, jpeg(6));

    const photo = photoOf(await officerView(approved.id));
    expect(photo).toMatchObject({ kind: 'photo', integrity: 'mismatch' });
    expect(photo).not.toHaveProperty('url');

    const card = await cardOf(migrant);
    expect(card.photoIntegrity).toBe('mismatch');
    expect(card.photoUrl).toBeUndefined();

    const check = await verified(card);
    expect(check.holder).toEqual({ nameMasked: expect.any(String), photoIntegrity: 'mismatch' });
  });
});

describe('the public check', () => {
  it('names no account anywhere in its answer', async () => {
    const { migrant, application } = await appliedWith(jpeg(7));
    await issue(product, STREET, application);
    const check = await verified(await cardOf(migrant));
    expect(check.holder.photoUrl).toBeDefined();
    expect(JSON.stringify(check)).not.toContain(migrant.accountId);
  });

  it('serves a photo stored under a key that names its holder under the copy its card made, with the same bytes', async () => {
    const { migrant, application } = await appliedWith(jpeg(8));
    await issue(product, STREET, application);
    const card = await cardOf(migrant);
    // As photos were stored before keys stopped naming their owner, and without a recorded hash.
    const legacy = jpeg(9);
    const legacyKey = `proofs/${migrant.accountId}/${randomUUID()}`;
    expect(await writeLocalBlob(legacyKey, 'image/jpeg', legacy)).toBe('stored');
    await db().send(
      new UpdateCommand({
        TableName: product.tableName,
        Key: permitKey(card.id),
        UpdateExpression: 'SET photo = :photo',
        ExpressionAttributeValues: { ':photo': { blobKey: legacyKey, contentType: 'image/jpeg' } },
      }),
    );

    // The holder's card makes the copy before it hands out a token: the public check never writes.
    const shown = await cardOf(migrant);
    expect(JSON.stringify(shown)).not.toContain(migrant.accountId);
    for (const attempt of [1, 2]) {
      const check = await verified(shown);
      expect(JSON.stringify(check), `check ${attempt}`).not.toContain(migrant.accountId);
      expect(await bytesAt(check.holder.photoUrl!)).toEqual(legacy);
    }
  });
});
