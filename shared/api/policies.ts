/**
 * The jurisdiction policy packs, public: anyone may read the rules, with their citations, that the
 * portal applies. Packs are returned resolved (national rules a local pack inherits included).
 */
import * as z from 'zod';
import { PACK_IDS, policyPack } from '#shared/policy/schema';
import { SOURCE_IDS } from '#shared/policy/sources';
import { contract } from './route.ts';

export const policySource = z.object({
  id: z.enum(SOURCE_IDS),
  title: z.string(),
  issuer: z.string(),
  inForce: z.string().optional(),
});

export const policySummary = z.object({
  id: z.enum(PACK_IDS),
  extends: z.enum(PACK_IDS).optional(),
  divisionPrefixes: z.array(z.string()),
  sources: z.array(policySource),
});
export type PolicySummary = z.infer<typeof policySummary>;

export const policyDocument = z.object({
  pack: policyPack,
  sources: z.array(policySource),
});
export type PolicyDocument = z.infer<typeof policyDocument>;

/** GB/T 2260 codes: province (2), city (4), county (6), street (9) or village (12 digits). */
export const divisionCode = z.string().regex(/^\d{2}(?:\d{2}(?:\d{2}(?:\d{3}(?:\d{3})?)?)?)?$/, 'validation.divisionCode');

export const listPolicies = contract({
  method: 'GET',
  path: '/api/policies',
  access: 'public',
  tag: 'policies',
  summary: 'Every jurisdiction policy pack, with the division prefixes it governs and its sources',
  response: z.object({ packs: z.array(policySummary) }),
});

export const getPolicy = contract({
  method: 'GET',
  path: '/api/policies/{id}',
  access: 'public',
  tag: 'policies',
  summary: 'One policy pack, resolved (inherited national rules included), every rule with its citation',
  params: z.object({ id: z.string().regex(/^[a-z]+$/, 'validation.policyId') }),
  response: policyDocument,
});

export const policyForDivision = contract({
  method: 'GET',
  path: '/api/policies/for-division/{division}',
  access: 'public',
  tag: 'policies',
  summary: 'The policy pack that governs a GB/T 2260 division (the most specific prefix wins)',
  params: z.object({ division: divisionCode }),
  response: policyDocument.extend({
    division: z.object({ code: z.string(), name: z.string(), path: z.array(z.string()) }),
  }),
});
