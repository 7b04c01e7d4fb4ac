/**
 * The one route table. The CDK stack creates an HTTP API route for every entry that is not
 * local-only, served by the Lambda function of the route's feature folder (or its own, when the
 * route is `isolated`: infra/functions.ts); the local server serves every entry through the same
 * dispatchers; the authorisation tests and the OpenAPI document are generated from it.
 */
import type { ApiContract, TableAccess } from '#shared/api/route';
import * as agency from '#shared/api/agency';
import * as divisions from '#shared/api/divisions';
import * as houseWatch from '#shared/api/house-watch';
import * as identity from '#shared/api/identity';
import * as landlord from '#shared/api/landlord';
import * as localBlobs from '#shared/api/local-uploads';
import * as organisations from '#shared/api/organisations';
import * as permit from '#shared/api/permit';
import * as policies from '#shared/api/policies';
import * as residence from '#shared/api/residence';
import * as review from '#shared/api/review';
import * as system from '#shared/api/system';
import type { RateLimitName } from '#shared/api/rate-limits';

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
   * A public route anyone may call at will: each client (by its address, keyed-hashed) gets this
   * group's number of requests per window (shared/api/rate-limits.ts), counted in the table, and
   * then 429 with Retry-After. The function may add to the counters (and only to them) and hash.
   */
  rateLimited?: RateLimitName;
  /**
   * Served only by the local server: the local identity provider (Cognito does this in AWS) and
   * the local SMS outbox.
   */
  localOnly?: boolean;
  /** What the function may do to the uploads bucket (blob store): presign reads, presign writes, both. */
  blobs?: 'read' | 'write' | 'readWrite';
  /** The function signs permit QR tokens (and verifies them), or only verifies them: the key's use is granted accordingly. */
  permitKey?: 'sign' | 'verify';
  /** The route also accepts an organisation's API key (`X-Api-Key`) in place of a signed-in user. */
  apiKey?: boolean;
  /** The function sends work to the import queue (an upload's check or commit). */
  importQueue?: boolean;
  /** The function creates users in the identity provider (Cognito in AWS). */
  userDirectory?: boolean;
  /**
   * The route's privilege must not be shared with the other routes of its feature: it gets a
   * function of its own instead of its feature's (public permit verification must never reach the
   * signing key; creating users in the identity provider is an administrator's power alone).
   */
  isolated?: boolean;
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
  route('ListPolicies', policies.listPolicies, { handler: 'functions/policy/list.ts', table: 'none', rateLimited: 'reference' }),
  route('GetPolicy', policies.getPolicy, { handler: 'functions/policy/get.ts', table: 'none', rateLimited: 'reference' }),
  route('PolicyForDivision', policies.policyForDivision, { handler: 'functions/policy/for-division.ts', table: 'none', rateLimited: 'reference' }),
  route('ListDivisions', divisions.listDivisions, { handler: 'functions/divisions/list.ts', table: 'none', rateLimited: 'reference' }),

  // Residence registration, the migrant's side.
  route('GetProfile', residence.getProfile, { handler: 'functions/residence/profile-get.ts', table: 'read' }),
  route('PutProfile', residence.putProfile, { handler: 'functions/residence/profile-put.ts', table: 'readWrite', usesPiiKey: true }),
  route('ListChildren', residence.listChildren, { handler: 'functions/residence/children-list.ts', table: 'read' }),
  route('AddChild', residence.addChild, { handler: 'functions/residence/children-add.ts', table: 'readWrite' }),
  route('CreateUpload', residence.createUpload, { handler: 'functions/residence/upload-create.ts', table: 'readWrite', blobs: 'write' }),
  route('PreviewDeadline', residence.previewDeadline, { handler: 'functions/residence/deadline-preview.ts', table: 'read' }),
  route('SubmitDeclaration', residence.submitDeclaration, {
    handler: 'functions/residence/declaration-submit.ts',
    table: 'readWrite',
    blobs: 'read',
    usesPiiKey: true,
  }),
  route('ListDeclarations', residence.listDeclarations, { handler: 'functions/residence/declaration-list.ts', table: 'read' }),
  route('GetDeclaration', residence.getDeclaration, { handler: 'functions/residence/declaration-get.ts', table: 'read' }),
  route('ResubmitDeclaration', residence.resubmitDeclaration, {
    handler: 'functions/residence/declaration-resubmit.ts',
    table: 'readWrite',
    blobs: 'read',
    usesPiiKey: true,
  }),
  route('MoveOut', residence.moveOut, { handler: 'functions/residence/move-out.ts', table: 'readWrite', usesPiiKey: true }),
  route('ListMessages', residence.listMessages, { handler: 'functions/residence/messages-list.ts', table: 'read' }),

  // Residence registration, the officer's side.
  route('ReviewQueue', review.listQueue, { handler: 'functions/review/queue.ts', table: 'read' }),
  route('GetForReview', review.getForReview, { handler: 'functions/review/get.ts', table: 'readWrite', blobs: 'read' }),
  route('RevealCitizenId', review.revealCitizenId, { handler: 'functions/review/reveal-citizen-id.ts', table: 'readWrite' }),
  route('Decide', review.decide, { handler: 'functions/review/decide.ts', table: 'readWrite', blobs: 'read', usesPiiKey: true }),

  // The residence permit, the migrant's side, and its public verification.
  route('GetPermit', permit.getPermit, {
    handler: 'functions/permit/get.ts',
    table: 'read',
    // Writes only a copy of a photo whose key names its holder, under a key that does not (the
    // bucket refuses overwrites), so the public verifier can serve it without a write right.
    blobs: 'readWrite',
    permitKey: 'sign',
  }),
  route('ApplyForPermit', permit.applyForPermit, { handler: 'functions/permit/apply.ts', table: 'readWrite', blobs: 'read' }),
  route('GetPermitApplication', permit.getPermitApplication, { handler: 'functions/permit/application-get.ts', table: 'read' }),
  route('ResubmitPermitApplication', permit.resubmitPermitApplication, {
    handler: 'functions/permit/application-resubmit.ts',
    table: 'readWrite',
    blobs: 'read',
  }),
  route('EndorsePermit', permit.endorsePermit, { handler: 'functions/permit/endorse.ts', table: 'readWrite', blobs: 'read', permitKey: 'sign' }),
  route('RenewPermit', permit.renewPermit, { handler: 'functions/permit/renew.ts', table: 'readWrite' }),
  route('CancelPermit', permit.cancelPermit, { handler: 'functions/permit/cancel.ts', table: 'readWrite', blobs: 'read', permitKey: 'sign' }),
  route('WithdrawCancellation', permit.withdrawCancellation, {
    handler: 'functions/permit/cancellation-withdraw.ts',
    table: 'readWrite',
    blobs: 'read',
    permitKey: 'sign',
  }),
  route('GetEntitlements', permit.getEntitlements, { handler: 'functions/permit/entitlements-get.ts', table: 'read' }),
  route('VerifyPermit', permit.verifyPermit, {
    handler: 'functions/permit/verify.ts',
    table: 'readWrite',
    blobs: 'read',
    permitKey: 'verify',
    rateLimited: 'verify',
    isolated: true,
  }),

  // The residence permit, the officer's side.
  route('PermitQueue', permit.listPermitApplications, { handler: 'functions/permit-review/queue.ts', table: 'read' }),
  route('GetPermitApplicationForReview', permit.getPermitApplicationForReview, {
    handler: 'functions/permit-review/get.ts',
    table: 'readWrite',
    blobs: 'read',
  }),
  route('DecidePermitApplication', permit.decidePermitApplication, { handler: 'functions/permit-review/decide.ts', table: 'readWrite' }),
  route('BulkApprovePermits', permit.bulkApprovePermitApplications, { handler: 'functions/permit-review/bulk-approve.ts', table: 'readWrite' }),

  // Landlords: houses, agents, tenants' move-in and move-out reports, confirmations.
  route('ListHouses', landlord.listHouses, { handler: 'functions/landlord/houses-list.ts', table: 'read', usesPiiKey: true }),
  route('RegisterHouse', landlord.registerHouse, { handler: 'functions/landlord/house-register.ts', table: 'readWrite', usesPiiKey: true }),
  route('GetHouse', landlord.getHouse, { handler: 'functions/landlord/house-get.ts', table: 'read', usesPiiKey: true }),
  route('UpdateHouse', landlord.updateHouse, { handler: 'functions/landlord/house-update.ts', table: 'readWrite', usesPiiKey: true }),
  route('AddAgent', landlord.addAgent, { handler: 'functions/landlord/agent-add.ts', table: 'readWrite', usesPiiKey: true }),
  route('RemoveAgent', landlord.removeAgent, { handler: 'functions/landlord/agent-remove.ts', table: 'readWrite', usesPiiKey: true }),
  route('ReportDeadlines', landlord.reportDeadlines, { handler: 'functions/landlord/report-deadlines.ts', table: 'read', usesPiiKey: true }),
  route('ReportTenants', landlord.reportTenants, { handler: 'functions/landlord/tenants-report.ts', table: 'readWrite', usesPiiKey: true }),
  route('MoveTenantOut', landlord.moveTenantOut, { handler: 'functions/landlord/tenant-move-out.ts', table: 'readWrite', usesPiiKey: true }),
  route('ListConfirmations', landlord.listConfirmations, { handler: 'functions/landlord/confirmations-list.ts', table: 'read', usesPiiKey: true }),
  route('DecideConfirmation', landlord.decideConfirmation, { handler: 'functions/landlord/confirmation-decide.ts', table: 'readWrite', usesPiiKey: true }),

  // Tenants: the house they scanned, tenancies reported for them, confirming the landlord's report.
  route('HouseByCode', landlord.houseByCode, { handler: 'functions/tenancy/house-by-code.ts', table: 'read' }),
  route('ListMyTenancies', landlord.listMyTenancies, { handler: 'functions/tenancy/list.ts', table: 'read', usesPiiKey: true }),
  route('ConfirmTenancy', landlord.confirmTenancy, { handler: 'functions/tenancy/confirm.ts', table: 'readWrite', usesPiiKey: true }),

  // Rental houses, the officer's side.
  route('StationHouses', houseWatch.listStationHouses, { handler: 'functions/house-watch/houses.ts', table: 'read' }),
  route('GetStationHouse', houseWatch.getStationHouse, { handler: 'functions/house-watch/house-get.ts', table: 'readWrite' }),
  route('OverdueReports', houseWatch.listOverdueReports, { handler: 'functions/house-watch/overdue-reports.ts', table: 'read' }),
  route('VerifyTenancy', houseWatch.verifyTenancy, { handler: 'functions/house-watch/tenancy-verify.ts', table: 'readWrite', usesPiiKey: true }),

  // Organisations and their users, the administrator's side.
  route('CreateOrganisation', organisations.createOrganisation, { handler: 'functions/organisations/create.ts', table: 'readWrite' }),
  route('ListOrganisations', organisations.listOrganisations, { handler: 'functions/organisations/list.ts', table: 'read' }),
  route('GetOrganisation', organisations.getOrganisation, { handler: 'functions/organisations/get.ts', table: 'read' }),
  route('CreateOrganisationUser', organisations.createOrganisationUser, {
    handler: 'functions/organisations/user-create.ts',
    table: 'readWrite',
    userDirectory: true,
    isolated: true,
  }),

  // Organisations' bulk reports: templates, uploads (checked, then committed), people, API keys.
  route('GetUploadTemplate', agency.getTemplate, { handler: 'functions/agency/template-get.ts', table: 'read', apiKey: true }),
  route('CreateSheetUpload', agency.createUpload, { handler: 'functions/agency/upload-create.ts', table: 'readWrite', blobs: 'write', apiKey: true }),
  route('ListSheetUploads', agency.listUploads, { handler: 'functions/agency/uploads-list.ts', table: 'read', apiKey: true }),
  // Reads whether a stalled upload's file has arrived (a HEAD), to send its check again.
  route('GetSheetUpload', agency.getUpload, { handler: 'functions/agency/upload-get.ts', table: 'readWrite', blobs: 'read', apiKey: true, importQueue: true }),
  route('CommitSheetUpload', agency.commitUpload, { handler: 'functions/agency/upload-commit.ts', table: 'readWrite', apiKey: true, importQueue: true }),
  route('GetSheetUploadErrors', agency.getUploadErrors, { handler: 'functions/agency/upload-errors.ts', table: 'read', apiKey: true }),
  route('ListReportedPeople', agency.listPeople, { handler: 'functions/agency/people-list.ts', table: 'read', apiKey: true }),
  route('ListApiKeys', agency.listApiKeys, { handler: 'functions/agency/api-keys-list.ts', table: 'read' }),
  route('CreateApiKey', agency.createApiKey, { handler: 'functions/agency/api-key-create.ts', table: 'readWrite' }),
  route('RevokeApiKey', agency.revokeApiKey, { handler: 'functions/agency/api-key-revoke.ts', table: 'readWrite' }),

  // The local blob store (S3 presigned URLs in AWS).
  route('PutLocalBlob', localBlobs.putLocalBlob, { handler: 'functions/uploads/local-put.ts', table: 'none', localOnly: true }),
  route('GetLocalBlob', localBlobs.getLocalBlob, { handler: 'functions/uploads/local-get.ts', table: 'none', localOnly: true }),
];

export const cloudRoutes = routes.filter((r) => !r.localOnly);
