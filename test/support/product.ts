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
import { readOutbox, type OutboxMessage } from './api-client.ts';

export interface TestProduct extends LocalProduct {
  dataDir: string;
  readOutbox(phone: string): Promise<OutboxMessage[]>;
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
    readOutbox: (phone) => readOutbox(product, phone),
    async close() {
      await product.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
