/**
 * Stored files are write-once and checked by their SHA-256 (a proof checked by the officer must be
 * the proof submitted): a PUT to an upload URL whose key already holds a file is refused, of two
 * PUTs at once exactly one is stored, and a proof whose bytes changed behind the store's back is
 * not served to the officer, who is told it failed its integrity check.
 */
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeclarationForReview } from '#shared/api/review';
import { blobStore, localBlobPath } from '#functions/commons/blob-store';
import { call } from '#test/support/api-client';
import { startProduct, type TestProduct } from '#test/support/product';
import { fileOf, putBytes, requestUpload, type Ticket } from '#test/support/residents';
import { declare, newMigrant, officersOf, STREETS, URUMQI, type Migrant, type OrError } from '#test/integration/review/migrants';

let product: TestProduct;
let officer: Awaited<ReturnType<typeof officersOf>>;

beforeAll(async () => {
  product = await startProduct();
  officer = await officersOf(product, URUMQI);
});

afterAll(async () => {
  await product?.close();
});

/** A PNG of `size` bytes whose bytes after the signature are all `fill`: two fills, two files of one size. */
function png(fill: number, size = 256): Uint8Array<ArrayBuffer> {
  const bytes = fileOf('png', size);
  bytes.fill(fill, 8);
  return bytes;
}

const keyOf = (ticket: Ticket) => decodeURIComponent(new URL(ticket.url, 'http://x').pathname.replace('/api/local-blobs/', ''));

async function ticketFor(migrant: Migrant, size: number): Promise<Ticket> {
  const ticket = await requestUpload(product, migrant, 'image/png', size);
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  return ticket.body;
}

/** A Xinjiang declaration with `proof` uploaded as its proof of residence; its id and the proof's ticket. */
async function declaredWith(proof: Uint8Array<ArrayBuffer>) {
  const migrant = await newMigrant(product);
  const ticket = await ticketFor(migrant, proof.length);
  expect((await putBytes(product, ticket, proof)).status).toBe(200);
  const declared = await declare(product, migrant, STREETS.urumqiYanerwo, '2026-12-01', { proofUploadId: ticket.uploadId });
  return { migrant, ticket, declarationId: declared.id };
}

const officerView = async (id: string) => {
  const answer = await call<OrError<DeclarationForReview>>(product, 'GET', `/api/officer/declarations/${id}`, { token: officer.token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
};

const bytesAt = async (url: string) => new Uint8Array(await (await fetch(new URL(url, product.url))).arrayBuffer());

describe('a proof of residence', () => {
  it('cannot be replaced once stored: a PUT to its URL after the declaration is submitted is refused, and the officer reads the original', async () => {
    const original = png(1);
    const { ticket, declarationId } = await declaredWith(original);

    const swap = await putBytes(product, ticket, png(2));
    expect(swap.status).toBe(412);
    expect(((await swap.json()) as { error: { code: string } }).error.code).toBe('blob_already_stored');

    const [proof] = (await officerView(declarationId)).documents;
    expect(proof).not.toHaveProperty('integrity');
    expect(await bytesAt(proof!.url!)).toEqual(original);
  });

  it('is not served to the officer when its bytes changed behind the store’s back: the view says it failed its integrity check', async () => {
    const { ticket, declarationId } = await declaredWith(png(3));
    // Same size and signature: only the hash can tell.
    await writeFile(localBlobPath(keyOf(ticket), 'data')!, png(4));

    const view = await officerView(declarationId);
    expect(view.documents).toEqual([expect.objectContaining({ id: ticket.uploadId, kind: 'residenceProof', integrity: 'mismatch' })]);
    expect(view.documents[0]).not.toHaveProperty('url');
    expect(JSON.stringify(view)).not.toContain('local-blobs');
  });

  it('names no account in its storage key (the owner is on the upload record)', async () => {
    const migrant = await newMigrant(product);
    const ticket = await ticketFor(migrant, 64);
    expect(keyOf(ticket)).toBe(`proofs/${ticket.uploadId}`);
    expect(ticket.url).not.toContain(migrant.accountId);
  });
});

describe('two PUTs to one fresh URL at once', () => {
  it('store exactly one file, the one answered 200; the other is refused', async () => {
    const migrant = await newMigrant(product);
    for (let round = 0; round < 5; round++) {
      const ticket = await ticketFor(migrant, 4096);
      const files = [png(10 + round, 4096), png(20 + round, 4096)];
      const answers = await Promise.all(files.map((file) => putBytes(product, ticket, file)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
      const winner = files[answers.findIndex((a) => a.status === 200)]!;
      const stored = await bytesAt(await blobStore().presignGet(keyOf(ticket), { contentType: 'image/png', fileName: 'p.png' }, 60));
      expect(stored).toEqual(winner);
    }
  });
});
