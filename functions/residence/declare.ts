/**
 * Declaring a residence (居住登记申报) and correcting a returned declaration. Every check that can
 * be made before writing is made first; then one transaction writes the declaration, the pointer
 * that allows one declaration in progress per person, the 消息 message, the idempotency record and
 * the attachment of the proof — so a request that fails leaves nothing behind.
 */
import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { DeclarationInput, HistoryEntry, PlaceView } from '#shared/api/residence';
import { maskCitizenId } from '#shared/residence/citizen-id';
import { nextStatus, referenceNumber } from '#shared/residence/declaration';
import { packForDivision } from '#shared/policy/registry';
import { shanghaiDate } from '#shared/policy/civil-time';
import { tableName } from '#functions/commons/environment';
import { ApiError, type FieldError } from '#functions/commons/errors';
import {
  declarationIndexKeys,
  declarationKey,
  declaringKey,
  type DeclarationItem,
  type DeclaringItem,
  type DocumentRef,
  type ProfileItem,
} from './items.ts';
import { messagePut, sendNoticeSms, type Notice } from './notify.ts';
import { addressLine, placeOf, stationFor } from './places.ts';
import { registrationDeadline, registrationDocuments } from './deadlines.ts';
import { attachableProof } from './uploads.ts';
import { declarationInProgress, declarationNotFound, readDeclaration } from './declarations.ts';
import { idempotencyPut, priorDeclaration } from './idempotency.ts';
import { requireProfile } from './profiles.ts';
import { currentInstant, todayInShanghai } from '#functions/commons/clock';
import { failedConditions, transact, type TransactItem } from '#functions/commons/transactions';

type Input = z.output<typeof DeclarationInput>;

/** A fresh reference number may collide with one issued the same day; a few tries always suffice. */
const ID_ATTEMPTS = 3;

/** What a declaration's input becomes once checked: the stored fields and the transaction items it needs. */
interface Checked {
  fields: Omit<DeclarationItem, 'pk' | 'sk' | 'id' | 'accountId' | 'status' | 'submittedAt' | 'updatedAt' | 'version' | 'history'>;
  extraItems: TransactItem[];
}

/**
 * The checks shared by submit and resubmit. `prefix` is where the input sits in the request body
 * (`declaration.` for a resubmission) so field errors point at the right field; `filedAt` is when
 * the declaration counts as filed, for judging it on time.
 */
async function checkDeclaration(accountId: string, input: Input, profile: ProfileItem, prefix: string, filedAt: Date): Promise<Checked> {
  const fields: FieldError[] = [];
  let place: PlaceView | undefined;
  try {
    place = await placeOf(input.address.division, input.address.detail, `${prefix}address.division`);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    fields.push(...error.fields);
  }
  if (input.moveInDate > todayInShanghai()) fields.push({ path: `${prefix}moveInDate`, key: 'validation.futureDate' });
  else if (input.moveInDate < profile.birthDate) fields.push({ path: `${prefix}moveInDate`, key: 'validation.beforeBirth' });
  if (fields.length > 0 || !place) throw new ApiError(400, 'validation_failed', {}, fields);

  const station = await stationFor(input.address.division);
  if (!station) throw new ApiError(422, 'no_station_for_division');
  const pack = packForDivision(input.address.division);

  const extraItems: TransactItem[] = [];
  const documents: DocumentRef[] = [];
  if (input.proofUploadId) {
    const proof = await attachableProof(accountId, input.proofUploadId);
    documents.push(proof.document);
    extraItems.push(proof.attach);
  } else if (registrationDocuments(pack).proofRequired) {
    throw new ApiError(400, 'proof_required', {}, [{ path: `${prefix}proofUploadId`, key: 'validation.required' }]);
  }

  if (input.changeOf) {
    const replaced = await readDeclaration(input.changeOf);
    if (!replaced || replaced.accountId !== accountId || replaced.status !== 'registered') throw new ApiError(409, 'change_of_not_registered');
    // Checked again inside the transaction: the registration may end while this one is being written.
    extraItems.push({
      ConditionCheck: {
        TableName: tableName(),
        Key: declarationKey(input.changeOf),
        ConditionExpression: 'accountId = :me AND #status = :registered',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':me': accountId, ':registered': 'registered' },
      },
    });
  }

  // A change of address is due within the change deadline; a first declaration within the registration one.
  const rule = input.changeOf ? 'registration.changeDeadline' : 'registration.deadline';
  const deadline = await registrationDeadline(pack, rule, input.moveInDate, filedAt);
  return {
    fields: {
      packId: pack.id,
      stationId: station.id,
      stationName: station.name,
      address: place,
      moveInDate: input.moveInDate,
      intendedStay: input.intendedStay,
      reason: input.reason,
      ...(input.reasonDetail ? { reasonDetail: input.reasonDetail } : {}),
      housing: input.housing,
      ...(input.landlordPhone ? { landlordPhone: input.landlordPhone } : {}),
      documents,
      deadline,
      // Without a deadline the queue orders by the day it was filed.
      actBy: deadline?.lastDay ?? shanghaiDate(filedAt),
      ...(input.changeOf ? { changeOf: input.changeOf } : {}),
      person: { name: profile.name, citizenIdMasked: maskCitizenId(profile.citizenId) },
    },
    extraItems,
  };
}

const withIndexKeys = (d: DeclarationItem) => ({ ...d, ...declarationIndexKeys(d) });

function notice(kind: Notice['kind'], d: DeclarationItem, at: string, extra: Record<string, string> = {}): Notice {
  return { accountId: d.accountId, kind, declarationId: d.id, at, values: { id: d.id, address: addressLine(d.address), ...extra } };
}

/** After the commit: the text message, to the profile's phone in the profile's language. */
export async function textAfterCommit(n: Notice, profile: Pick<ProfileItem, 'phone' | 'language'>): Promise<void> {
  if (profile.phone) await sendNoticeSms(n, profile.phone, profile.language);
}

export interface Submission {
  accountId: string;
  input: Input;
  idempotency?: { key: string; fingerprint: string };
}

/** The declaration created, or the one an earlier request with the same idempotency key created. */
export async function declareResidence({ accountId, input, idempotency }: Submission): Promise<DeclarationItem> {
  const replay = async () => {
    const priorId = idempotency && (await priorDeclaration(accountId, idempotency.key, idempotency.fingerprint));
    return priorId ? readDeclaration(priorId) : undefined;
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const profile = await requireProfile(accountId);
  const filedAt = currentInstant();
  const at = filedAt.toISOString();
  const checked = await checkDeclaration(accountId, input, profile, '', filedAt);

  for (let attempt = 1; ; attempt++) {
    const id = referenceNumber(shanghaiDate(filedAt), Array.from({ length: 6 }, () => randomInt(32)));
    const history: HistoryEntry[] = [{ at, event: 'submitted', actor: 'migrant' }];
    const declaration: DeclarationItem = {
      ...declarationKey(id),
      sk: 'DECL',
      id,
      accountId,
      status: 'submitted',
      ...checked.fields,
      submittedAt: at,
      updatedAt: at,
      version: 1,
      history,
    };
    const submitted = notice('declarationSubmitted', declaration, at);
    const pointer: DeclaringItem = { ...declaringKey(accountId), sk: 'DECLARING', declarationId: id };
    const items: TransactItem[] = [
      { Put: { TableName: tableName(), Item: withIndexKeys(declaration), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: tableName(), Item: pointer, ConditionExpression: 'attribute_not_exists(pk)' } },
      messagePut(submitted),
      ...(idempotency ? [idempotencyPut(accountId, idempotency.key, idempotency.fingerprint, { declarationId: id })] : []),
      ...checked.extraItems,
    ];
    try {
      await transact(items);
    } catch (error) {
      const failed = failedConditions(error);
      if (!failed) throw error;
      // A concurrent request with the same key won: answer as its retry.
      if (idempotency && failed[3]) {
        const winner = await replay();
        if (winner) return winner;
      }
      if (failed[1]) throw new ApiError(409, 'declaration_in_progress', { id: (await declarationInProgress(accountId)) ?? '' });
      if (failed[0] && attempt < ID_ATTEMPTS) continue;
      throw extraItemFailure(failed.slice(items.length - checked.extraItems.length), checked.extraItems);
    }
    await textAfterCommit(submitted, profile);
    return declaration;
  }
}

/** Why a proof attachment or a change-of check failed inside the transaction. */
function extraItemFailure(failed: boolean[], extraItems: TransactItem[]): ApiError {
  const index = failed.findIndex(Boolean);
  if (index >= 0 && extraItems[index]?.ConditionCheck) return new ApiError(409, 'change_of_not_registered');
  if (index >= 0 && extraItems[index]?.Update) return new ApiError(404, 'upload_not_found');
  return new ApiError(409, 'conflict');
}

/** Corrects a returned declaration and submits it again, at the version the person saw. */
export async function resubmitDeclaration(accountId: string, id: string, input: Input, version: number): Promise<DeclarationItem> {
  const current = await readDeclaration(id);
  if (!current || current.accountId !== accountId) throw declarationNotFound();
  const status = nextStatus(current.status, 'resubmitted');
  if (!status || current.version !== version) throw new ApiError(409, 'declaration_changed');
  if (input.changeOf === id) throw new ApiError(409, 'change_of_not_registered');
  const profile = await requireProfile(accountId);
  // Correcting is not filing late: timeliness is judged at the first submission.
  const checked = await checkDeclaration(accountId, input, profile, 'declaration.', new Date(current.submittedAt));

  const at = currentInstant().toISOString();
  const declaration: DeclarationItem = {
    ...declarationKey(id),
    sk: 'DECL',
    id,
    accountId,
    status,
    ...checked.fields,
    submittedAt: current.submittedAt,
    updatedAt: at,
    version: current.version + 1,
    history: [...current.history, { at, event: 'resubmitted', actor: 'migrant' }],
  };
  const resubmitted = notice('declarationResubmitted', declaration, at);
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: withIndexKeys(declaration),
        ConditionExpression: '#version = :version AND #status = :returned',
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: { ':version': current.version, ':returned': current.status },
      },
    },
    {
      // A returned declaration still holds the pointer; written again so it holds after any repair.
      Put: {
        TableName: tableName(),
        Item: { ...declaringKey(accountId), declarationId: id },
        ConditionExpression: 'attribute_not_exists(pk) OR declarationId = :id',
        ExpressionAttributeValues: { ':id': id },
      },
    },
    messagePut(resubmitted),
    ...checked.extraItems,
  ];
  try {
    await transact(items);
  } catch (error) {
    const failed = failedConditions(error);
    if (!failed) throw error;
    if (failed[0]) throw new ApiError(409, 'declaration_changed');
    if (failed[1]) throw new ApiError(409, 'declaration_in_progress', { id: (await declarationInProgress(accountId)) ?? '' });
    throw extraItemFailure(failed.slice(3), checked.extraItems);
  }
  await textAfterCommit(resubmitted, profile);
  return declaration;
}
