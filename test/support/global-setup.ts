/** One DynamoDB Local for the whole test run; each test file makes its own table. */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, type DynamoDbLocal } from '#infra/local/dynamodb-local';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

let database: DynamoDbLocal | undefined;

export async function setup(project: TestProject) {
  database = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', database.endpoint);
}

export async function teardown() {
  await database?.stop();
}
