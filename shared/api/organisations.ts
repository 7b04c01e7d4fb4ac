/**
 * The administrator's organisations: employers, agencies, markets and construction sites with a
 * unified social credit code, and their users. An organisation's users see only its own uploads
 * and people; its administrator (a user marked so) manages its API keys.
 */
import * as z from 'zod';
import { isCreditCode, normaliseCreditCode, ORGANISATION_TYPES } from '#shared/agency/organisation';
import { Phone, Username } from './identity.ts';
import { AddressDetail, Cursor, PageLimit, PersonName, PlaceView, StreetCode } from './residence.ts';
import { contract } from './route.ts';
import { plainText } from './text.ts';

export const CreditCode = z
  .string()
  .transform(normaliseCreditCode)
  .refine(isCreditCode, 'validation.creditCode');

export const OrganisationInput = z
  .object({
    type: z.enum(ORGANISATION_TYPES, 'validation.choice'),
    name: plainText({ min: 2, max: 100 }),
    creditCode: CreditCode,
    address: z.object({ division: StreetCode, detail: AddressDetail }).strict(),
  })
  .strict();
export type OrganisationInput = z.input<typeof OrganisationInput>;

export const OrganisationView = z.object({
  id: z.string(),
  type: z.enum(ORGANISATION_TYPES),
  name: z.string(),
  creditCode: z.string(),
  address: PlaceView,
  createdAt: z.string(),
  users: z.number().int(),
});
export type OrganisationView = z.infer<typeof OrganisationView>;

export const OrganisationUserInput = z
  .object({
    username: Username,
    displayName: PersonName,
    phone: Phone.optional(),
    /** May create and revoke the organisation's API keys. */
    orgAdmin: z.boolean().default(false),
  })
  .strict();

export const OrganisationUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().optional(),
  orgAdmin: z.boolean(),
  createdAt: z.string(),
});

export const OrganisationId = z.object({ id: z.string().regex(/^org-[a-z0-9-]{3,60}$/, 'validation.invalid') });

export const createOrganisation = contract({
  method: 'POST',
  path: '/api/admin/organisations',
  access: ['admin'],
  tag: 'organisations',
  summary: 'Create an organisation (its credit code checked and unique)',
  body: OrganisationInput,
  response: OrganisationView,
  status: 201,
});

export const listOrganisations = contract({
  method: 'GET',
  path: '/api/admin/organisations',
  access: ['admin'],
  tag: 'organisations',
  summary: 'Organisations, newest first',
  query: z.object({ cursor: Cursor, limit: PageLimit }).strict(),
  response: z.object({ items: z.array(OrganisationView), cursor: z.string().optional() }),
});

export const getOrganisation = contract({
  method: 'GET',
  path: '/api/admin/organisations/{id}',
  access: ['admin'],
  tag: 'organisations',
  summary: 'An organisation and its users',
  params: OrganisationId,
  response: z.object({ organisation: OrganisationView, users: z.array(OrganisationUser) }),
});

export const createOrganisationUser = contract({
  method: 'POST',
  path: '/api/admin/organisations/{id}/users',
  access: ['admin'],
  tag: 'organisations',
  summary: 'Create a user of an organisation; the initial password is in this answer only (hand it over; the user signs in with it)',
  params: OrganisationId,
  body: OrganisationUserInput,
  response: z.object({ user: OrganisationUser, initialPassword: z.string() }),
  status: 201,
});
