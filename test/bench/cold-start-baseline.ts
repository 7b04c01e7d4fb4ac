/** The cold-start benchmark's baseline: a handler doing one DynamoDB GetItem, as small as a function of this table gets. */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});

export const handler = async (event: { pk: string; sk: string }) => {
  const { Item } = await client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { pk: { S: event.pk }, sk: { S: event.sk } } }));
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? null) };
};
