/**
 * The whole product for tests: the run's DynamoDB Local, a fresh table, first-run data, the API
 * and the built web app on a free port, with a temporary DATA_DIR.
 */
import { inject } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startLocalProduct, type LocalProduct } from '#infra/local/product';

export interface TestProduct extends LocalProduct {
  dataDir: string;
  readOutbox(phone: string): Promise<Array<{ phone: string; text: string; sentAt: string }>>;
}

export async function startProduct(): Promise<TestProduct> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-test-'));
  const product = await startLocalProduct({
    dataDir,
    port: 0,
    tableName: `t-${randomUUID()}`,
    dynamoEndpoint: inject('dynamoEndpoint'),
  });
  return {
    ...product,
    dataDir,
    async readOutbox(phone) {
      const response = await fetch(`${product.url}/api/dev/outbox?phone=${encodeURIComponent(phone)}`);
      const body = (await response.json()) as { messages: Array<{ phone: string; text: string; sentAt: string }> };
      return body.messages;
    },
    async close() {
      await product.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
