/**
 * Declaring a residence (居住登记申报) and correcting a returned declaration. Every check that can
 * be made before writing is made first; then one transaction writes the declaration, the pointer
 * that allows one declaration in progress per person, the 消息 message, the idempotency record and
 * the attachment of the proof — so a request that fails leaves nothing behind. A declaration at a
 * registered rental house (its code scanned) also asks the landlord to confirm, in the same
 * transaction (functions/tenancy/requesting.ts).
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
import { messagePut, sendNoticeSms, textAccount, type Notice } from './notify.ts';
import { addressLine, placeOf, stationFor } from './places.ts';
import { registrationDeadline, registrationDocuments } from './deadlines.ts';
import { attachableProof } from './uploads.ts';
import { declarationInProgress, declarationNotFound, readDeclaration } from './declarations.ts';
import { idempotencyPut, priorDeclaration } from './idempotency.ts';
import { requireProfile } from './profiles.ts';
import { currentInstant, todayInShanghai } from '#functions/commons/clock';
import { failedConditions, transact, type TransactItem } from '#functions/commons/transactions';
import type { HouseItem } from '#functions/landlord/items';
import { readHouse } from '#functions/landlord/records';
import { declaredHouse, landlordRequest, REQUEST_HOUSE_ITEM, tenantLeaving, type LandlordRequest } from '#functions/tenancy/requesting';

type Input = z.output<typeof DeclarationInput>;

/**
 * A fresh reference number may collide with one issued the same day, and a house may change while
 * its landlord is asked (another tenant's request or report); a few tries always suffice.
 */
const ID_ATTEMPTS = 3;

type HouseFields = 'houseId' | 'tenancyId' | 'landlordConfirmation';

/** What a declaration's input becomes once checked: the stored fields, the transaction items it needs, and the rental house it names. */
interface Checked {
  fields: Omit<DeclarationItem, 'pk' | 'sk' | 'id' | 'accountId' | 'status' | 'submittedAt' | 'updatedAt' | 'version' | 'history' | HouseFields>;
  extraItems: TransactItem[];
  house?: HouseItem;
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
  let house: HouseItem | undefined;
  if (input.houseCode) {
    const declared = await declaredHouse(input.houseCode, input.address.division, `${prefix}address.division`);
    house = declared.house;
    if (place) fields.push(...declared.problems);
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
    ...(house ? { house } : {}),
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
  let house = checked.house;
  for (let attempt = 1; ; attempt++) {
    const id = referenceNumber(shanghaiDate(filedAt), Array.from({ length: 6 }, () => randomInt(32)));
    const request = house ? await landlordRequest(house, id, input.moveInDate, profile, filedAt) : undefined;
    const history: HistoryEntry[] = [{ at, event: 'submitted', actor: 'migrant' }];
    const declaration: DeclarationItem = {
      ...declarationKey(id),
      sk: 'DECL',
      id,
      accountId,
      status: 'submitted',
      ...checked.fields,
      ...request?.fields,
      submittedAt: at,
      updatedAt: at,
      version: 1,
      history,
    };
    const submitted = notice('declarationSubmitted', declaration, at);
    const pointer: DeclaringItem = { ...declaringKey(accountId), sk: 'DECLARING', declarationId: id };
    const ownItems: TransactItem[] = [
      { Put: { TableName: tableName(), Item: withIndexKeys(declaration), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: tableName(), Item: pointer, ConditionExpression: 'attribute_not_exists(pk)' } },
      messagePut(submitted),
      ...(idempotency ? [idempotencyPut(accountId, idempotency.key, idempotency.fingerprint, { declarationId: id })] : []),
    ];
    const items = [...ownItems, ...(request?.items ?? []), ...checked.extraItems];
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
      const retry = attempt < ID_ATTEMPTS;
      if (failed[0] && retry) continue;
      if (request && retry && failed.slice(ownItems.length, ownItems.length + request.items.length).some(Boolean)) {
        // A tenancy reference issued twice, or the house changed meanwhile: ask again on the house as it is now.
        if (failed[ownItems.length + REQUEST_HOUSE_ITEM]) house = (await readHouse(request.tenancy.houseId, true)) ?? house;
        continue;
      }
      throw extraItemFailure(failed.slice(items.length - checked.extraItems.length), checked.extraItems);
    }
    await textAfterCommit(submitted, profile);
    if (request) await textAccount(request.notice);
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

/**
 * The rental-house part of a corrected declaration: at the same house it keeps its tenancy and the
 * landlord's answer; at another house, or none, the request made before is withdrawn (the tenancy
 * ends) and the new house's landlord is asked.
 */
async function houseCorrection(current: DeclarationItem, house: HouseItem | undefined, input: Input, profile: ProfileItem, now: Date) {
  if (current.tenancyId && current.houseId === input.houseCode) {
    const kept: Partial<Pick<DeclarationItem, HouseFields>> = {
      houseId: current.houseId,
      tenancyId: current.tenancyId,
      ...(current.landlordConfirmation ? { landlordConfirmation: current.landlordConfirmation } : {}),
    };
    return { fields: kept, items: [] };
  }
  const leaving = current.tenancyId ? await tenantLeaving(current.tenancyId, shanghaiDate(now), now.toISOString()) : [];
  const request: LandlordRequest | undefined = house ? await landlordRequest(house, current.id, input.moveInDate, profile, now) : undefined;
  return { fields: request?.fields ?? {}, items: [...leaving, ...(request?.items ?? [])], request };
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

  const now = currentInstant();
  const at = now.toISOString();
  let house = checked.house;
  for (let attempt = 1; ; attempt++) {
    const correction = await houseCorrection(current, house, input, profile, now);
    const declaration: DeclarationItem = {
      ...declarationKey(id),
      sk: 'DECL',
      id,
      accountId,
      status,
      ...checked.fields,
      ...correction.fields,
      submittedAt: current.submittedAt,
      updatedAt: at,
      version: current.version + 1,
      history: [...current.history, { at, event: 'resubmitted', actor: 'migrant' }],
    };
    const resubmitted = notice('declarationResubmitted', declaration, at);
    const ownItems: TransactItem[] = [
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
    ];
    const items = [...ownItems, ...correction.items, ...checked.extraItems];
    try {
      await transact(items);
    } catch (error) {
      const failed = failedConditions(error);
      if (!failed) throw error;
      if (failed[0]) throw new ApiError(409, 'declaration_changed');
      if (failed[1]) throw new ApiError(409, 'declaration_in_progress', { id: (await declarationInProgress(accountId)) ?? '' });
      if (attempt < ID_ATTEMPTS && failed.slice(ownItems.length, ownItems.length + correction.items.length).some(Boolean)) {
        // A tenancy or house changed meanwhile: withdraw and ask again on them as they are now.
        if (house) house = (await readHouse(house.id, true)) ?? house;
        continue;
      }
      throw extraItemFailure(failed.slice(items.length - checked.extraItems.length), checked.extraItems);
    }
    await textAfterCommit(resubmitted, profile);
    if (correction.request) await textAccount(correction.request.notice);
    return declaration;
  }
}
