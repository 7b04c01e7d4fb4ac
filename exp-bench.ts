import { startDynamoDbLocal } from '#infra/local/dynamodb-local';
import { measureDailyJob } from '#test/bench/permit';
const database = await startDynamoDbLocal();
try { console.log(JSON.stringify(await measureDailyJob(database.endpoint, Number(process.argv[2] ?? 3000)), null, 1)); } finally { await database.stop(); }
