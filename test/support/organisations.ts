/**
 * Organisations for integration tests, made through the administrator's routes: an organisation
 * with a fresh, checksum-valid credit code, its users (signed in with the initial password the
 * route answered once), and API keys made by its administrator.
 */
import { randomInt } from 'node:crypto';
import type { OrganisationInput, OrganisationView } from '#shared/api/organisations';
import { creditCodeCheck, type OrganisationType } from '#shared/agency/organisation';
import { call, signInByPassword } from './api-client.ts';
import type { TestProduct } from './product.ts';
import { STREETS } from './residents.ts';

/** A made-up unified social credit code of a Futian company: random, with the right check character. */
export function newCreditCode(): string {
  const first17 = `91440304${Array.from({ length: 9 }, () => randomInt(10)).join('')}`;
  return `${first17}${creditCodeCheck(first17)}`;
}

export const organisationInput = (overrides: Partial<OrganisationInput> = {}): OrganisationInput => ({
  type: 'employer',
  name: '深圳示例科技有限公司',
  creditCode: newCreditCode(),
  address: { division: STREETS.shenzhen, detail: '深南大道 1000 号' },
  ...overrides,
});

export async function adminToken(product: TestProduct): Promise<string> {
  const admin = product.demoAccounts.find((a) => a.role === 'admin')!;
  return signInByPassword(product, admin.username!, admin.password!);
}

export async function createOrganisation(product: TestProduct, admin: string, overrides: Partial<OrganisationInput> = {}): Promise<OrganisationView> {
  const answer = await call<OrganisationView>(product, 'POST', '/api/admin/organisations', { token: admin, body: organisationInput(overrides) });
  if (answer.status !== 201) throw new Error(`organisation not created: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export interface OrganisationUser {
  id: string;
  username: string;
  password: string;
  token: string;
}

let users = 0;

/** A user of the organisation (its administrator when `orgAdmin`), signed in. */
export async function createOrganisationUser(product: TestProduct, admin: string, orgId: string, orgAdmin = false): Promise<OrganisationUser> {
  const username = `org.user${process.pid}.${++users}.${randomInt(1_000_000)}`;
  const answer = await call<{ user: { id: string }; initialPassword: string }>(product, 'POST', `/api/admin/organisations/${orgId}/users`, {
    token: admin,
    body: { username, displayName: '李华', phone: '13800138000', orgAdmin },
  });
  if (answer.status !== 201) throw new Error(`user not created: ${answer.status} ${JSON.stringify(answer.body)}`);
  const password = answer.body.initialPassword;
  return { id: answer.body.user.id, username, password, token: await signInByPassword(product, username, password) };
}

/** An organisation of `type` with a signed-in administrator. */
export async function organisationWithAdmin(product: TestProduct, admin: string, type: OrganisationType = 'employer') {
  const organisation = await createOrganisation(product, admin, { type });
  return { organisation, admin: await createOrganisationUser(product, admin, organisation.id, true) };
}

export interface CreatedApiKey {
  key: { id: string; name: string; prefix: string; createdAt: string; createdBy: string; lastUsedAt?: string };
  secret: string;
}

export async function createApiKey(product: TestProduct, orgAdmin: string, name = 'HR system'): Promise<CreatedApiKey> {
  const answer = await call<CreatedApiKey>(product, 'POST', '/api/agency/api-keys', { token: orgAdmin, body: { name } });
  if (answer.status !== 201) throw new Error(`API key not created: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}
