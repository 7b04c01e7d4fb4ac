/**
 * The one route table. The CDK stack creates an HTTP API route and a Lambda function for every
 * entry that is not local-only; the local server serves every entry with the same handler module;
 * the authorisation tests and the OpenAPI document are generated from it.
 */
import type { ApiContract, TableAccess } from '#shared/api/route';
import * as identity from '#shared/api/identity';
import * as policies from '#shared/api/policies';
import * as system from '#shared/api/system';

export interface Route {
  /** Stable identifier, used for construct ids and function names. */
  id: string;
  contract: ApiContract;
  /** Handler module, relative to the repository root; it exports `handler`. */
  handler: string;
  /** What the function may do to the table (least privilege). */
  table: TableAccess;
  /** The function computes keyed hashes of personal identifiers (phone, ID number). */
  usesPiiKey?: boolean;
  /**
   * Served only by the local server: the local identity provider (Cognito does this in AWS) and
   * the local SMS outbox.
   */
  localOnly?: boolean;
}

const route = (id: string, contract: ApiContract, rest: Omit<Route, 'id' | 'contract'>): Route => ({
  id,
  contract,
  ...rest,
});

export const routes: readonly Route[] = [
  route('Health', system.health, { handler: 'functions/system/health.ts', table: 'read' }),
  route('OpenApi', system.openApiDocument, { handler: 'functions/system/openapi.ts', table: 'none' }),
  route('Me', identity.me, { handler: 'functions/identity/me.ts', table: 'read' }),
  route('RequestCode', identity.requestCode, {
    handler: 'functions/identity/request-code.ts',
    table: 'readWrite',
    usesPiiKey: true,
    localOnly: true,
  }),
  route('IssueToken', identity.issueToken, {
    handler: 'functions/identity/issue-token.ts',
    table: 'readWrite',
    usesPiiKey: true,
    localOnly: true,
  }),
  route('Outbox', identity.outbox, {
    handler: 'functions/identity/outbox.ts',
    table: 'read',
    usesPiiKey: true,
    localOnly: true,
  }),
  route('ListPolicies', policies.listPolicies, { handler: 'functions/policy/list.ts', table: 'none' }),
  route('GetPolicy', policies.getPolicy, { handler: 'functions/policy/get.ts', table: 'none' }),
  route('PolicyForDivision', policies.policyForDivision, { handler: 'functions/policy/for-division.ts', table: 'none' }),
];

export const cloudRoutes = routes.filter((r) => !r.localOnly);
