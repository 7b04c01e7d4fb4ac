/**
 * Reading why a transaction was cancelled. DynamoDB reports one reason per item, in order; a
 * handler maps a failed condition on a given item to its own domain error (ID taken, declaration in
 * progress, …). A race lost to another transaction is tried again here; throttling is left to the
 * error mapper (503 with Retry-After), and the client's retry is safe with an Idempotency-Key.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { db } from './dynamo.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Why each item of a cancelled transaction failed (`ConditionalCheckFailed`, `ThrottlingError`, `None`, …); empty for any other error. */
export function cancellationCodes(error: unknown): string[] {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return [];
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  return reasons.map((r) => r.Code ?? 'None');
}

/**
 * For a transaction cancelled only by failed conditions: for each item, whether its condition
 * failed. Undefined for any other error, which the caller rethrows.
 */
export function failedConditions(error: unknown): boolean[] | undefined {
  const codes = cancellationCodes(error);
  if (!codes.includes('ConditionalCheckFailed') || codes.some((c) => c !== 'None' && c !== 'ConditionalCheckFailed')) return undefined;
  return codes.map((c) => c === 'ConditionalCheckFailed');
}

const CONFLICT_RETRIES = 3;

const onlyConflicts = (error: unknown) => {
  const codes = cancellationCodes(error);
  return codes.includes('TransactionConflict') && codes.every((c) => c === 'None' || c === 'TransactionConflict');
};

/**
 * Runs a transaction. When it lost only a race with another transaction on the same items (no
 * condition failed yet), it is tried again shortly: the second try meets the winner's writes and
 * fails on the condition that says why (ID taken, declaration in progress), instead of a bare 503.
 */
export async function transact(items: TransactItem[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (attempt >= CONFLICT_RETRIES || !onlyConflicts(error)) throw error;
      await sleep(20 + Math.random() * 40 * (attempt + 1));
    }
  }
}
