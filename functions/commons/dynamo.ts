/** The one DynamoDB client of a function. `DYNAMODB_ENDPOINT` points it at DynamoDB Local. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

let documentClient: { endpoint: string | undefined; client: DynamoDBDocumentClient } | undefined;

/**
 * Client settings for DynamoDB Local. It accepts any credentials (and keeps one database for all,
 * as it is started with -sharedDb); fixed ones keep the SDK from searching for a profile.
 */
export function localClientConfig(endpoint: string) {
  return { endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
}

function createClient(endpoint: string | undefined): DynamoDBDocumentClient {
  const client = new DynamoDBClient(endpoint ? localClientConfig(endpoint) : {});
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function db(): DynamoDBDocumentClient {
  // Keyed by endpoint: a local product restarted in one process gets a DynamoDB Local on a new port.
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!documentClient || documentClient.endpoint !== endpoint) {
    documentClient?.client.destroy();
    documentClient = { endpoint, client: createClient(endpoint) };
  }
  return documentClient.client;
}

/**
 * Every item a query finds, page after page: for partitions that stay small (a house's, an organisation's keys).
 * @example
 * const agents = await queryAll<AgentItem>({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } });
 */
export async function queryAll<T>(input: ConstructorParameters<typeof QueryCommand>[0]): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...((page.Items ?? []) as T[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
