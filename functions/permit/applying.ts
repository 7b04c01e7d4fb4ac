/**
 * Applying for a residence permit (居住证申领) for oneself or a child, and correcting a returned
 * application (补正). Every check that can be made before writing is made first — the registered
 * residence, the holder, the pack's eligibility, the documents it lists, the validity it offers —
 * then one transaction writes the application, the pointer that allows one application in progress
 * per holder, the 消息 message, the idempotency record and the attachment of each upload.
 */
import { randomInt } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type { ApplicationInput, AttachedDocumentInput } from '#shared/api/permit';
import { applicationReference, canResubmit, type ApplicationKind } from '#shared/permit/lifecycle';
import { childFacts, personFacts } from '#shared/permit/facts';
import { shanghaiDate } from '#shared/policy/civil-time';
import { permitEligibility } from '#shared/policy/decisions';
import { packById, packForDivision } from '#shared/policy/registry';
import type { Duration, PolicyPack } from '#shared/policy/schema';
import type { PolicyDocument } from '#shared/policy/vocabulary';
import { maskCitizenId } from '#shared/residence/citizen-id';
import { currentInstant, todayInShanghai } from '#functions/commons/clock';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError, type FieldError } from '#functions/commons/errors';
import { failedConditions, transact, type TransactItem } from '#functions/commons/transactions';
import { textAfterCommit } from '#functions/residence/declare';
import { idempotencyPut, priorApplication } from '#functions/residence/idempotency';
import { childKey, type ChildItem, type DeclarationItem, type ProfileItem } from '#functions/residence/items';
import { messagePut, type Notice } from '#functions/residence/notify';
import { readProfile } from '#functions/residence/profiles';
import { attachableUpload } from '#functions/residence/uploads';
import { stationKey } from '#functions/review/station';
import { IN_FORCE } from './changes.ts';
import { factSourcesOf, permitOn } from './entitlements.ts';
import {
  applicationIndexKeys,
  applicationKey,
  applyingKey,
  type AttachedDocument,
  type HolderRef,
  type PermitApplicationItem,
  type PermitItem,
} from './items.ts';
import { applicationDocuments } from './overview.ts';
import { applicationChanged, holderPermit, openApplication, ownApplication, readApplication, registeredResidence } from './records.ts';

type Input = z.output<typeof ApplicationInput>;
type DocumentInput = z.output<typeof AttachedDocumentInput>;

/** A fresh reference may collide with one issued the same day; a few tries always suffice. */
const ID_ATTEMPTS = 3;


/* ------------------------------------------ checks ------------------------------------------ */

/** The caller's profile, which applying needs first. */
export async function applicantProfile(accountId: string): Promise<ProfileItem> {
  const profile = await readProfile(accountId);
  if (!profile) throw new ApiError(422, 'profile_required');
  return profile;
}

/** The registered residence the permit is for: the pack, the station and the address follow it. */
export async function residenceForPermit(accountId: string): Promise<DeclarationItem> {
  const residence = await registeredResidence(accountId);
  if (!residence) throw new ApiError(422, 'residence_not_registered');
  return residence;
}

export interface HolderPerson {
  holder: HolderRef;
  name: string;
  birthDate: string;
  child?: ChildItem;
}

/** The holder named in a request: the caller, or one of the caller's children (another's is not found). */
export async function holderPerson(accountId: string, profile: ProfileItem, holder: HolderRef): Promise<HolderPerson> {
  if (holder === 'self') return { holder, name: profile.name, birthDate: profile.birthDate };
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: childKey(accountId, holder), ConsistentRead: true }));
  const child = Item as ChildItem | undefined;
  if (!child) throw new ApiError(404, 'child_not_found', {}, [{ path: 'holder', key: 'validation.invalid' }]);
  return { holder, name: child.name, birthDate: child.birthDate, child };
}

/** The pack's eligibility for the holder today: not yet or not at all refuses; missing facts are for the office to judge. */
function checkEligibility(pack: PolicyPack, profile: ProfileItem, residence: DeclarationItem, person: HolderPerson, permit: PermitItem | undefined, children: ChildItem[]) {
  const today = todayInShanghai();
  const sources = factSourcesOf({ profile, residence, children, permits: new Map() }, today, today, undefined)!;
  const own = permit ? { permit: permitOn(permit, today, today) } : {};
  const facts = person.child ? childFacts(sources, person.child, own) : personFacts({ ...sources, ...own });
  const decision = permitEligibility(pack, facts);
  if (decision?.status === 'notYet') throw new ApiError(422, 'permit_not_yet_eligible', { on: decision.on! });
  if (decision?.status === 'notEligible') throw new ApiError(422, 'permit_not_eligible');
}

/**
 * The validity of a new permit: one of the pack's choices where it offers several (Liaoning 1, 2
 * or 3 years), its one choice where it offers one (Datong 5 years), none where it sets none.
 */
export function checkedValidity(pack: PolicyPack, years: number | undefined): Duration | undefined {
  const choices = pack.permit?.validity?.choices ?? [];
  if (choices.length === 0) {
    if (years !== undefined) throw new ApiError(422, 'validity_not_offered', {}, [{ path: 'validityYears', key: 'validation.choice' }]);
    return undefined;
  }
  if (years === undefined) {
    if (choices.length === 1) return choices[0];
    throw new ApiError(422, 'validity_required', {}, [{ path: 'validityYears', key: 'validation.required' }]);
  }
  const chosen = choices.find((c) => c.unit === 'years' && c.amount === years);
  if (!chosen) throw new ApiError(422, 'validity_not_offered', { choices: choices.map((c) => c.amount).join('/') }, [{ path: 'validityYears', key: 'validation.choice' }]);
  return chosen;
}

export interface CheckedDocuments {
  documents: AttachedDocument[];
  attach: TransactItem[];
}

/**
 * The documents of an application, checked against the pack: each of a kind it lists (the ID card
 * is the profile's and never uploaded), the photo an image uploaded as a photo, each proof uploaded
 * as a proof, no upload twice. `complete`: the photo and, where the pack lists proofs, one of them
 * must be there (a renewal reuses what the permit has and needs none).
 */
export async function checkedDocuments(accountId: string, pack: PolicyPack, inputs: DocumentInput[], complete: boolean): Promise<CheckedDocuments> {
  const accepted: readonly PolicyDocument[] = applicationDocuments(pack).filter((kind) => kind !== 'citizenId');
  const proofKinds: readonly PolicyDocument[] = accepted.filter((kind) => kind !== 'photo');
  const problems: FieldError[] = [];
  inputs.forEach((input, i) => {
    if (!accepted.includes(input.kind)) problems.push({ path: `documents.${i}.kind`, key: 'validation.choice' });
  });
  if (problems.length) throw new ApiError(422, 'document_not_accepted', {}, problems);
  inputs.forEach((input, i) => {
    if (inputs.findIndex((other) => other.uploadId === input.uploadId) !== i) problems.push({ path: `documents.${i}.uploadId`, key: 'validation.invalid' });
    else if (input.kind === 'photo' && inputs.findIndex((other) => other.kind === 'photo') !== i) problems.push({ path: `documents.${i}.kind`, key: 'validation.invalid' });
  });
  if (problems.length) throw new ApiError(422, 'document_repeated', {}, problems);
  if (complete && !inputs.some((d) => d.kind === 'photo')) throw new ApiError(422, 'photo_required', {}, [{ path: 'documents', key: 'validation.required' }]);
  if (complete && proofKinds.length > 0 && !inputs.some((d) => proofKinds.includes(d.kind))) {
    throw new ApiError(422, 'permit_proof_required', {}, [{ path: 'documents', key: 'validation.required' }]);
  }

  const uploads = await Promise.all(
    inputs.map((input, i) => attachableUpload(accountId, input.uploadId, input.kind === 'photo' ? 'permitPhoto' : 'permitProof', `documents.${i}.uploadId`)),
  );
  return {
    documents: uploads.map(({ upload }, i) => ({
      id: upload.id,
      kind: inputs[i]!.kind,
      fileName: upload.fileName,
      contentType: upload.contentType,
      size: upload.size,
      blobKey: upload.blobKey,
      sha256: upload.sha256,
    })),
    attach: uploads.map(({ attach }) => attach),
  };
}

/** The station that registered the residence, and whether it is in a remote area (the pack's longer time limit). */
async function stationOf(residence: DeclarationItem): Promise<{ id: string; name: string; remote: boolean }> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: stationKey(residence.stationId) }));
  return { id: residence.stationId, name: residence.stationName, remote: Item?.remote === true };
}

/* ----------------------------------------- writing ------------------------------------------ */

export const applicationNotice = (kind: Notice['kind'], a: PermitApplicationItem, at: string): Notice => ({
  accountId: a.accountId,
  kind,
  applicationId: a.id,
  values: { id: a.id, holder: a.holderName },
  at,
});

/** What a new application is made of before it has an id. */
export interface Draft {
  accountId: string;
  kind: ApplicationKind;
  person: HolderPerson;
  profile: ProfileItem;
  pack: PolicyPack;
  residence: DeclarationItem;
  validity: Duration | undefined;
  checked: CheckedDocuments;
  /** Renewal and replacement: the permit renewed or replaced. */
  permitId?: string;
  /** Renewal: the permit must still be at the version the holder saw. */
  permitCondition?: TransactItem;
  idempotency?: { key: string; fingerprint: string };
}

/** Why an attachment or a permit check failed inside the transaction. */
function extraItemFailure(failed: boolean[], extra: TransactItem[]): ApiError {
  const index = failed.findIndex(Boolean);
  if (index >= 0 && extra[index]?.ConditionCheck) return new ApiError(409, 'permit_changed');
  if (index >= 0) return new ApiError(404, 'upload_not_found');
  return new ApiError(409, 'conflict');
}

export const applicationInProgress = async (accountId: string, holder: HolderRef) =>
  new ApiError(409, 'permit_application_in_progress', { id: (await openApplication(accountId, holder))?.id ?? '' });

/** Writes a new application with everything that goes with it; the application, or the one an earlier request with the same key made. */
export async function submitApplication(draft: Draft): Promise<PermitApplicationItem> {
  const { accountId, kind, person, profile, pack, residence, validity, checked, permitId, permitCondition, idempotency } = draft;
  const station = await stationOf(residence);
  const submittedAt = currentInstant();
  const at = submittedAt.toISOString();
  const extra: TransactItem[] = [...(permitCondition ? [permitCondition] : []), ...checked.attach];

  for (let attempt = 1; ; attempt++) {
    const id = applicationReference(shanghaiDate(submittedAt), Array.from({ length: 6 }, () => randomInt(32)));
    const fields = {
      id,
      kind,
      status: 'submitted' as const,
      accountId,
      holder: person.holder,
      holderName: person.name,
      holderBirthDate: person.birthDate,
      person: { name: profile.name, citizenIdMasked: maskCitizenId(profile.citizenId) },
      packId: pack.id,
      stationId: station.id,
      stationName: station.name,
      remote: station.remote,
      declarationId: residence.id,
      address: residence.address,
      ...(validity ? { validity } : {}),
      documents: checked.documents,
      ...(permitId ? { permitId } : {}),
      submittedAt: at,
      updatedAt: at,
      version: 1,
      history: [{ at, event: 'submitted' as const, actor: 'migrant' as const }],
    };
    const application: PermitApplicationItem = { ...applicationKey(id), sk: 'PAPP', ...fields, ...applicationIndexKeys(fields) };
    const applied = applicationNotice('permitApplied', application, at);
    const items: TransactItem[] = [
      { Put: { TableName: tableName(), Item: application, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: tableName(), Item: { ...applyingKey(accountId, person.holder), applicationId: id }, ConditionExpression: 'attribute_not_exists(pk)' } },
      messagePut(applied),
      ...(idempotency ? [idempotencyPut(accountId, idempotency.key, idempotency.fingerprint, { applicationId: id })] : []),
      ...extra,
    ];
    try {
      await transact(items);
    } catch (error) {
      const failed = failedConditions(error);
      if (!failed) throw error;
      // A concurrent request with the same key won: answer as its retry.
      if (idempotency && failed[3]) {
        const winner = await replay(accountId, idempotency);
        if (winner) return winner;
      }
      if (failed[1]) throw await applicationInProgress(accountId, person.holder);
      if (failed[0] && attempt < ID_ATTEMPTS) continue;
      throw extraItemFailure(failed.slice(items.length - extra.length), extra);
    }
    await textAfterCommit(applied, profile);
    return application;
  }
}

async function replay(accountId: string, idempotency: { key: string; fingerprint: string }): Promise<PermitApplicationItem | undefined> {
  const priorId = await priorApplication(accountId, idempotency.key, idempotency.fingerprint);
  return priorId ? readApplication(priorId) : undefined;
}

export interface Application {
  accountId: string;
  input: Input;
  idempotency?: { key: string; fingerprint: string };
}

/** A first application, or a replacement of a lost card, for the caller or a child. */
export async function applyForPermit({ accountId, input, idempotency }: Application): Promise<PermitApplicationItem> {
  const earlier = idempotency && (await replay(accountId, idempotency));
  if (earlier) return earlier;

  const profile = await applicantProfile(accountId);
  const residence = await residenceForPermit(accountId);
  const pack = packForDivision(residence.address.division);
  const person = await holderPerson(accountId, profile, input.holder);
  if (person.child && !pack.permit?.guardianApplies?.allowed) throw new ApiError(422, 'guardian_not_allowed');
  const permit = await holderPermit(accountId, person.holder);
  const held = permit !== undefined && IN_FORCE.includes(permit.status);
  if (input.kind === 'first') {
    if (held) throw new ApiError(409, 'permit_already_held', { number: permit.number });
    checkEligibility(pack, profile, residence, person, permit, person.child ? [person.child] : []);
  } else if (!held) {
    throw new ApiError(422, 'permit_not_held');
  }
  // Cheaper than the documents' checks, and the transaction's pointer says the same again.
  if (await openApplication(accountId, person.holder)) throw await applicationInProgress(accountId, person.holder);
  const validity = checkedValidity(pack, input.validityYears);
  const checked = await checkedDocuments(accountId, pack, input.documents, true);
  return submitApplication({
    accountId,
    kind: input.kind,
    person,
    profile,
    pack,
    residence,
    validity,
    checked,
    ...(input.kind === 'replacement' ? { permitId: permit!.id } : {}),
    ...(idempotency ? { idempotency } : {}),
  });
}

/* --------------------------------------- resubmitting --------------------------------------- */

export interface Correction {
  validityYears?: number | undefined;
  documents: DocumentInput[];
  version: number;
}

/** Corrects a returned application and submits it again, at the version the person saw. */
export async function resubmitApplication(accountId: string, id: string, correction: Correction): Promise<PermitApplicationItem> {
  const current = await ownApplication(accountId, id);
  if (current.version !== correction.version) throw applicationChanged();
  if (!canResubmit(current.status)) throw new ApiError(422, 'application_not_returned');
  const profile = await applicantProfile(accountId);
  const pack = packById(current.packId);
  // A renewal has no validity choice of its own only where the pack offers none.
  const validity = checkedValidity(pack, correction.validityYears ?? (current.validity?.unit === 'years' ? current.validity.amount : undefined));
  const checked = await checkedDocuments(accountId, pack, correction.documents, current.kind !== 'renewal');

  const at = currentInstant().toISOString();
  const { corrections: _corrections, ...rest } = current;
  const fields = {
    ...rest,
    status: 'submitted' as const,
    documents: checked.documents,
    updatedAt: at,
    version: current.version + 1,
    history: [...current.history, { at, event: 'resubmitted' as const, actor: 'migrant' as const }],
  };
  if (validity) fields.validity = validity;
  else delete fields.validity;
  const application: PermitApplicationItem = { ...fields, ...applicationIndexKeys(fields) };
  const resubmitted = applicationNotice('permitResubmitted', application, at);
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: application,
        ConditionExpression: '#version = :version AND #status = :returned',
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: { ':version': current.version, ':returned': current.status },
      },
    },
    {
      // A returned application still holds the pointer; written again so it holds after any repair.
      Put: {
        TableName: tableName(),
        Item: { ...applyingKey(accountId, current.holder), applicationId: id },
        ConditionExpression: 'attribute_not_exists(pk) OR applicationId = :id',
        ExpressionAttributeValues: { ':id': id },
      },
    },
    messagePut(resubmitted),
    ...checked.attach,
  ];
  try {
    await transact(items);
  } catch (error) {
    const failed = failedConditions(error);
    if (!failed) throw error;
    if (failed[0]) throw applicationChanged();
    if (failed[1]) throw await applicationInProgress(accountId, current.holder);
    throw extraItemFailure(failed.slice(3), checked.attach);
  }
  await textAfterCommit(resubmitted, profile);
  return application;
}
