/**
 * One commit at a time per organisation. Two commits of overlapping files running together could
 * each find a person not reported yet and both write the record (the later one's filing time
 * replacing the earlier's); one after the other, each sees what the one before wrote. A commit that
 * finds the lock held waits its turn (its message is sent again a little later); a lock whose
 * holder stopped (its heartbeat is old, or it is no longer committing) is taken over.
 *
 * The lock also counts the commits that ended. A check notes the count when it begins: if no
 * commit has ended (or run) since, and the check found none of its rows reported, the commit knows
 * the records it will write are all new, and writes them without looking each one up.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { now } from '#functions/commons/clock';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { commitLockKey, type CommitLockItem } from './items.ts';
import { readUpload, STALE_AFTER_MS } from './uploads.ts';

async function readLock(orgId: string): Promise<CommitLockItem | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: commitLockKey(orgId), ConsistentRead: true }));
  return Item as CommitLockItem | undefined;
}

/** What a check notes when it begins: the commits ended so far, and whether one is running. */
export async function commitsSoFar(orgId: string): Promise<{ finishedCommits: number; running: boolean }> {
  const lock = await readLock(orgId);
  return { finishedCommits: lock?.finished ?? 0, running: lock?.holder !== undefined };
}

/** The holder's commit stopped: its upload is gone, no longer committing, or silent for too long. */
async function holderStopped(holder: string): Promise<boolean> {
  const upload = await readUpload(holder, true);
  return !upload || upload.status !== 'committing' || !upload.heartbeatAt || Date.parse(upload.heartbeatAt) < now() - STALE_AFTER_MS;
}

const conditionFailed = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

/**
 * Takes the organisation's commit lock for `uploadId` (or finds it already has it): the commits
 * ended before this one, or undefined when another upload's commit is running.
 */
export async function acquireCommitLock(orgId: string, uploadId: string): Promise<{ finishedCommits: number } | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const lock = await readLock(orgId);
    const holder = lock?.holder;
    if (holder !== undefined && holder !== uploadId && !(await holderStopped(holder))) return undefined;
    // Taking over from a stopped commit counts as its end: a check that began before it can no longer trust what it saw.
    const takeOver = holder !== undefined && holder !== uploadId;
    try {
      const { Attributes } = await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: commitLockKey(orgId),
          UpdateExpression: `SET holder = :me, finished = if_not_exists(finished, :zero)${takeOver ? ' + :one' : ''}`,
          ConditionExpression: holder === undefined ? 'attribute_not_exists(holder)' : 'holder = :seen',
          ExpressionAttributeValues: { ':me': uploadId, ':zero': 0, ...(takeOver ? { ':one': 1 } : {}), ...(holder === undefined ? {} : { ':seen': holder }) },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { finishedCommits: (Attributes as CommitLockItem).finished };
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      // Another commit took or left the lock meanwhile: look again.
    }
  }
  return undefined;
}

/** The commit of `uploadId` ended (committed or failed): the lock is free, one more commit counted. */
export async function releaseCommitLock(orgId: string, uploadId: string): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: commitLockKey(orgId),
        UpdateExpression: 'REMOVE holder SET finished = finished + :one',
        ConditionExpression: 'holder = :me',
        ExpressionAttributeValues: { ':me': uploadId, ':one': 1 },
      }),
    );
  } catch (error) {
    // Taken over meanwhile: the commit that took it counted this one's end.
    if (!conditionFailed(error)) throw error;
  }
}
