/**
 * Text messages to phones. The adapter is chosen once from `SMS_ADAPTER`: `outbox` keeps messages
 * in the table for the local product and tests, where the console shows them too.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { maskPhone } from '#shared/identity/masking';
import { db } from './dynamo.ts';
import { tableName } from './environment.ts';
import { keyedHash } from './pii.ts';
import { epochSecondsAfter, now } from './clock.ts';

export interface SmsSender {
  send(phone: string, text: string): Promise<void>;
}

/** How long the local outbox keeps a message. */
const OUTBOX_RETENTION_SECONDS = 24 * 3600;

export const outboxKey = async (phone: string) => `OUTBOX#${await keyedHash('phone', phone)}`;

export const outboxSender: SmsSender = {
  async send(phone, text) {
    const sentAt = new Date(now()).toISOString();
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          pk: await outboxKey(phone),
          sk: `${sentAt}#${randomUUID()}`,
          phone,
          text,
          sentAt,
          ttl: epochSecondsAfter(OUTBOX_RETENTION_SECONDS),
        },
      }),
    );
    // The console is the local phone: this line is the point of the outbox, not a log record. The
    // text (a code) is what a developer signs in with; the masked number says whose it is and no more.
    if (process.env.SMS_OUTBOX_ECHO === '1') console.log(`📱 SMS to ${maskPhone(phone)}: ${text}`);
  },
};

export function smsSender(): SmsSender {
  const adapter = process.env.SMS_ADAPTER ?? 'outbox';
  if (adapter === 'outbox') return outboxSender;
  throw new Error(`unknown SMS_ADAPTER ${adapter}`);
}
