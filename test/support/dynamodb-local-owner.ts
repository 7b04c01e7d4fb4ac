/**
 * A product's DynamoDB Local started from a process of its own, for the test that kills that process
 * as a crash or SIGKILL would: starts DynamoDB Local on the folder, creates the table with the item
 * `{pk: <key>}`, prints a line with the endpoint, then waits; SIGTERM stops it cleanly.
 * Usage: node --import tsx test/support/dynamodb-local-owner.ts <dbPath> <table> <key>
 */
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from '#functions/commons/dynamo';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local';

const [dbPath, table, key] = process.argv.slice(2);
if (!dbPath || !table || !key) throw new Error('usage: dynamodb-local-owner.ts <dbPath> <table> <key>');
const database = await startDynamoDbLocal({ dbPath });
const client = new DynamoDBClient(localClientConfig(database.endpoint));
await client.send(
  new CreateTableCommand({
    TableName: table,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  }),
);
await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: key } } }));
client.destroy();
process.once('SIGTERM', () => void database.stop().then(() => process.exit(0)));
console.log(JSON.stringify({ endpoint: database.endpoint }));
setInterval(() => undefined, 60_000);
