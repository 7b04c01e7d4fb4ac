/**
 * First-run data of an installation: reference data and, for the local product, demo accounts of
 * every role. Runs once: a marker item records that it ran.
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { createStaffAccount, residentForPhone } from '#functions/identity/accounts';
import type { Organisation, Station } from '#shared/api/identity';
import { stationOfCountyKey } from '#functions/residence/items';
import { ORGANISATIONS, STATIONS } from './reference-data.ts';

export type DemoRole = 'migrant' | 'landlord' | 'agency' | 'officer' | 'admin';

export interface DemoAccount {
  role: DemoRole;
  phone?: string;
  username?: string;
  password?: string;
  station?: string;
  divisions?: string[];
  org?: string;
}

const SEED_MARKER = { pk: 'SYSTEM', sk: 'SEED' };

export async function alreadySeeded(): Promise<boolean> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: SEED_MARKER, ConsistentRead: true }));
  return Item !== undefined;
}

async function putStation(station: Station) {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { pk: `STATION#${station.id}`, sk: 'STATION', gsi1pk: 'STATIONS', gsi1sk: station.id, ...station },
    }),
  );
  // Which station a declared address belongs to: one look-up item per county it covers.
  for (const county of station.divisions) {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...stationOfCountyKey(county), stationId: station.id, stationName: station.name },
      }),
    );
  }
}

async function putOrganisation(org: Organisation) {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { pk: `ORG#${org.id}`, sk: 'ORG', gsi1pk: 'ORGS', gsi1sk: org.id, ...org },
    }),
  );
}

/** Readable but random: a demo installation must not share passwords with every other one. */
const demoPassword = () => `demo-${randomBytes(4).toString('hex')}`;

/** Idempotent: run at every start, so an installation gets reference data added by a later release. */
export async function seedReferenceData(): Promise<void> {
  for (const station of STATIONS) await putStation(station);
  for (const org of ORGANISATIONS) await putOrganisation(org);
}

export async function seedDemoAccounts(): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [
    { role: 'migrant', phone: '13800000001' },
    { role: 'landlord', phone: '13800000002' },
  ];
  for (const account of accounts) await residentForPhone(account.phone!);

  for (const station of STATIONS) {
    const username = `officer.${station.id.split('-')[0]}`;
    const password = demoPassword();
    await createStaffAccount({ username, password, roles: ['officer'], displayName: `${station.name} 民警`, station });
    accounts.push({ role: 'officer', username, password, station: station.id, divisions: [...station.divisions] });
  }
  const org = ORGANISATIONS[0]!;
  const agencyPassword = demoPassword();
  await createStaffAccount({ username: 'agency.demo', password: agencyPassword, roles: ['agency'], displayName: `${org.name} 经办人`, org });
  accounts.push({ role: 'agency', username: 'agency.demo', password: agencyPassword, org: org.id });

  const adminPassword = demoPassword();
  await createStaffAccount({ username: 'admin', password: adminPassword, roles: ['admin'], displayName: '系统管理员' });
  accounts.push({ role: 'admin', username: 'admin', password: adminPassword });
  return accounts;
}

export async function markSeeded(): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...SEED_MARKER, at: new Date().toISOString() } }));
}
