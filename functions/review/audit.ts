/**
 * The audit trail of officers' access to a person's data (POLICY §7: every look-up has a purpose,
 * the looker and the result are logged; the person sees "who viewed my data"). An event lives under
 * the person's partition, so the person's own list is one query, and in the officer's gsi1
 * partition, so a supervisor can list what one officer looked at.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { auditKey, type AuditItem } from '#functions/residence/items';

export interface AuditEvent {
  action: AuditItem['action'];
  officerId: string;
  stationId: string;
  /** The person whose data was accessed. */
  accountId: string;
  declarationId?: string;
  applicationId?: string;
  houseId?: string;
  tenancyId?: string;
  at: string;
  purpose?: string;
}

export const officerAuditPartition = (officerId: string) => `OFFICER#${officerId}#AUDIT`;

export function auditItem(event: AuditEvent): AuditItem {
  const id = randomUUID();
  return {
    ...auditKey(event.accountId, event.at, id),
    id,
    at: event.at,
    action: event.action,
    officerId: event.officerId,
    stationId: event.stationId,
    ...(event.declarationId ? { declarationId: event.declarationId } : {}),
    ...(event.applicationId ? { applicationId: event.applicationId } : {}),
    ...(event.houseId ? { houseId: event.houseId } : {}),
    ...(event.tenancyId ? { tenancyId: event.tenancyId } : {}),
    ...(event.purpose ? { purpose: event.purpose } : {}),
    gsi1pk: officerAuditPartition(event.officerId),
    gsi1sk: event.at,
  };
}

/** The audit event as one item of a TransactWriteItems, for changes that must not happen unrecorded. */
export const auditPut = (event: AuditEvent) => ({ Put: { TableName: tableName(), Item: auditItem(event) } });

/**
 * Writes the event and resolves only once it is stored: callers release personal data after this,
 * so a failed write means the data is not shown.
 */
export async function recordAccess(event: AuditEvent): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: auditItem(event), ConditionExpression: 'attribute_not_exists(pk)' }));
}
