/**
 * Faults injected into the DynamoDB client with aws-sdk-client-mock, for the tests that show a
 * throttled or failing database loses nothing: every call goes through to DynamoDB Local until a
 * test puts a faulty `send` in its place, and again after each test; the mock is undone after all.
 */
import { afterAll, afterEach } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The client's `send`, as a fake takes and gives it (`this` is the client). */
export type Send = (this: DynamoDBDocumentClient, command: object) => Promise<unknown>;

export interface DynamoFaults {
  /** The real `send`, which the mock replaced: what a fake calls to reach the database. */
  realSend: Send;
  /** Puts `send` in the client's place until the test ends. */
  fake(send: Send): void;
}

/** Mocks the DynamoDB document client for this test file; call it once, at the file's top. */
export function dynamoFaults(): DynamoFaults {
  const database = mockClient(DynamoDBDocumentClient);
  type Fake = Parameters<typeof database.send.callsFake>[0];
  const realSend = database.send.wrappedMethod as unknown as Send;
  const passThrough: Send = function (command) {
    return realSend.call(this, command);
  };
  const fake = (send: Send) => {
    database.send.callsFake(send as unknown as Fake);
  };
  fake(passThrough);
  afterEach(() => fake(passThrough));
  afterAll(() => {
    database.restore();
  });
  return { realSend, fake };
}
