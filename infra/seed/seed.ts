/**
 * First-run data of an installation: reference data and, for the local product, demo accounts of
 * every role. Runs once: a marker item records that it ran.
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { createStaffAccount, residentForPhone } from '#functions/identity/accounts';
import type { Station } from '#shared/api/identity';
import { stationOfCountyKey } from '#functions/residence/items';
import { placeOf, stationFor } from '#functions/residence/places';
import { creditCodeKey, ORGANISATIONS_PARTITION, organisationKey, type OrganisationItem } from '#functions/agency/items';
import { organisationUserWrites } from '#functions/organisations/organisations';
import { ORGANISATIONS, STATIONS, type ReferenceOrganisation } from './reference-data.ts';

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

/**
 * A reference organisation as the administrator would have created it (address named, station
 * found, credit code look-up). Written once: a later start keeps its users count; an item of an
 * earlier release, without a credit code, is completed.
 */
async function putOrganisation(org: ReferenceOrganisation) {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: organisationKey(org.id), ConsistentRead: true }));
  const existing = Item as Partial<OrganisationItem> | undefined;
  if (existing?.creditCode) return;
  const station = await stationFor(org.address.division);
  const createdAt = existing?.createdAt ?? new Date().toISOString();
  const item: OrganisationItem = {
    ...organisationKey(org.id),
    sk: 'ORG',
    id: org.id,
    type: org.type,
    name: org.name,
    creditCode: org.creditCode,
    address: await placeOf(org.address.division, org.address.detail, 'address.division'),
    ...(station ? { stationId: station.id } : {}),
    createdAt,
    createdBy: 'seed',
    users: existing?.users ?? 0,
    gsi1pk: ORGANISATIONS_PARTITION,
    gsi1sk: `${createdAt}#${org.id}`,
  };
  await db().send(new PutCommand({ TableName: tableName(), Item: item }));
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...creditCodeKey(org.creditCode), orgId: org.id } }));
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
  // The demo organisation's administrator: uploads, and manages the organisation's API keys.
  const org = ORGANISATIONS[0]!;
  const agencyPassword = demoPassword();
  const displayName = `${org.name} 经办人`;
  await createStaffAccount(
    { username: 'agency.demo', password: agencyPassword, roles: ['agency'], displayName, org: { id: org.id, name: org.name, type: org.type }, orgAdmin: true },
    organisationUserWrites(org.id, { username: 'agency.demo', displayName, orgAdmin: true, createdAt: new Date().toISOString() }),
  );
  accounts.push({ role: 'agency', username: 'agency.demo', password: agencyPassword, org: org.id });

  const adminPassword = demoPassword();
  await createStaffAccount({ username: 'admin', password: adminPassword, roles: ['admin'], displayName: '系统管理员' });
  accounts.push({ role: 'admin', username: 'admin', password: adminPassword });
  return accounts;
}

export async function markSeeded(): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...SEED_MARKER, at: new Date().toISOString() } }));
}
