/**
 * Every string a route takes refuses hidden characters, found by walking the route table rather
 * than listed by hand. For each route, each string of its body, query and path parameters is found
 * in the contract's zod schema; a hostile character is put into it in an otherwise valid request
 * (the examples below); the contract must refuse it at that field. Where the field is free text
 * (no pattern of its own refuses the character) the refusal must be `validation.hiddenCharacters`,
 * the shared text rule's. A route added with a raw `z.string()`, or a field added without an
 * example that reaches it, fails here. The bulk upload's row is walked the same way.
 */
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { routes } from '#infra/routes';
import { UploadRow } from '#shared/agency/rows';
import { creditCodeCheck, ORGANISATION_TYPES } from '#shared/agency/organisation';
import { CORRECTION_ITEMS, REJECTION_REASONS } from '#shared/permit/lifecycle';
import { DOCUMENTS } from '#shared/policy/vocabulary';
import { checkCharacter } from '#shared/residence/citizen-id';
import {
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  ETHNICITIES,
  HOUSING_TYPES,
  INTENDED_STAYS,
  PROOF_CONTENT_TYPES,
  RETURN_REASONS,
  SCHOOL_STATUSES,
} from '#shared/residence/vocabulary';
import { HOUSE_TYPES } from '#shared/landlord/house';

type Part = 'body' | 'query' | 'params' | 'row';
type Path = readonly (string | number)[];

/** One of each kind the text rule refuses: a bidi override, NUL, a zero-width space, a lone surrogate, a C1 control. */
const HOSTILE = { bidiOverride: '\u202E', nul: '\u0000', zeroWidthSpace: '\u200B', loneSurrogate: '\uD800', nextLine: '\u0085' } as const;

/* ------------------------------------------ the walk ------------------------------------------ */

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: readonly z.ZodType[];
  discriminator?: string;
  in?: z.ZodType;
  pattern?: RegExp;
  checks?: readonly { _zod: { def: { check: string; pattern?: RegExp } } }[];
}
const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);
const NOT_TEXT = new Set(['enum', 'literal', 'number', 'boolean', 'bigint', 'date', 'null', 'undefined']);

/** `string`: a zod string, judged by its patterns; `checked`: a transform or union over text, which must refuse by its own check. */
interface Leaf {
  path: Path;
  schema: z.ZodType;
  kind: 'string' | 'checked';
}

function takesText(schema: z.ZodType): boolean {
  const def = defOf(schema);
  if (WRAPPERS.has(def.type)) return takesText(def.innerType!);
  if (def.type === 'string') return true;
  if (def.type === 'pipe') return takesText(def.in!);
  if (def.type === 'union') return def.options!.some(takesText);
  return false;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every place in `schema` a string goes. Guided by an example `value`, a discriminated union is
 * entered by the option the example takes; without one, by every option.
 */
function* textLeaves(schema: z.ZodType, value: unknown, path: Path = []): Generator<Leaf> {
  const def = defOf(schema);
  if (WRAPPERS.has(def.type)) return yield* textLeaves(def.innerType!, value, path);
  if (NOT_TEXT.has(def.type)) return;
  switch (def.type) {
    case 'string':
      return yield { path, schema, kind: 'string' };
    case 'object':
      for (const [key, child] of Object.entries(def.shape!)) yield* textLeaves(child, isRecord(value) ? value[key] : undefined, [...path, key]);
      return;
    case 'array':
      return yield* textLeaves(def.element!, Array.isArray(value) ? value[0] : undefined, [...path, 0]);
    case 'union':
      if (def.discriminator !== undefined) {
        const taken = value === undefined ? def.options! : def.options!.filter((option) => option.safeParse(value).success);
        for (const option of taken) yield* textLeaves(option, value, path);
        return;
      }
      if (takesText(schema)) yield { path, schema, kind: 'checked' };
      return;
    case 'pipe':
      if (takesText(def.in!)) return yield { path, schema, kind: 'checked' };
      return yield* textLeaves(def.in!, value, path);
    default:
      throw new Error(`a request schema of kind ${def.type} at ${path.join('.') || '(root)'}: teach this walk to look inside it`);
  }
}

/** The patterns a zod string checks: an id's or a code's refuse a hostile character by themselves. */
const patternsOf = (schema: z.ZodType) => {
  const def = defOf(schema);
  return [def.pattern, ...(def.checks ?? []).map((check) => check._zod.def.pattern)].filter((p): p is RegExp => p instanceof RegExp);
};

function valueAt(value: unknown, path: Path): unknown {
  let at = value;
  for (const key of path) at = isRecord(at) || Array.isArray(at) ? (at as Record<string | number, unknown>)[key] : undefined;
  return at;
}

function withValueAt(value: unknown, path: Path, leaf: string): unknown {
  const copy: unknown = structuredClone(value ?? {});
  let at = copy as Record<string | number, unknown>;
  path.forEach((key, i) => {
    if (i === path.length - 1) at[key] = leaf;
    else at = (at[key] ??= typeof path[i + 1] === 'number' ? [] : {}) as Record<string | number, unknown>;
  });
  return copy;
}

const keyOf = (path: Path) => path.join('.');

/**
 * Whatever is wrong with how `schema` takes text: an example that is not valid to begin with, a
 * field where a hostile character gets through (or is refused for another reason only), and a
 * string no example reaches. `excepted` fields are left out, each for the reason given.
 */
function problemsOf(schema: z.ZodType, examples: readonly unknown[], excepted: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const reached = new Map<string, Set<z.ZodType>>();
  for (const [n, example] of examples.entries()) {
    const valid = schema.safeParse(example);
    if (!valid.success) {
      problems.push(`example ${n} is not valid: ${JSON.stringify(valid.error.issues.map((i) => [i.path.join('.'), i.message]))}`);
      continue;
    }
    for (const leaf of textLeaves(schema, example)) {
      const key = keyOf(leaf.path);
      if (excepted.has(key)) continue;
      (reached.get(key) ?? reached.set(key, new Set()).get(key)!).add(leaf.schema);
      const current = valueAt(example, leaf.path);
      const text = typeof current === 'string' && current.length > 1 ? current : 'abcd';
      for (const [kind, character] of Object.entries(HOSTILE)) {
        const hostile = `${text.slice(0, 1)}${character}${text.slice(1)}`;
        const result = schema.safeParse(withValueAt(example, leaf.path, hostile));
        const here = (result.error?.issues ?? []).filter((issue) => keyOf(issue.path as Path) === key);
        const ownPatternRefuses = leaf.kind === 'string' && patternsOf(leaf.schema).some((pattern) => !pattern.test(hostile));
        if (here.length === 0) problems.push(`${key}: takes a ${kind}`);
        else if (leaf.kind === 'string' && !ownPatternRefuses && !here.some((issue) => issue.message === 'validation.hiddenCharacters')) {
          problems.push(`${key}: refuses a ${kind} with ${here.map((issue) => issue.message).join(', ')}, not validation.hiddenCharacters`);
        }
      }
    }
  }
  for (const leaf of textLeaves(schema, undefined)) {
    const key = keyOf(leaf.path);
    if (!excepted.has(key) && !reached.get(key)?.has(leaf.schema)) problems.push(`${key}: no example reaches it`);
  }
  return problems;
}

/* ----------------------------------------- examples ------------------------------------------ */

const ID = {
  declaration: 'JD20260110-7KQ3M9',
  application: 'JZ20260110-7KQ3M9',
  tenancy: 'ZL20260110-7KQ3M9',
  house: 'FW7KQ3M9A2',
  upload: 'UP7KQ3M9A27KQ3',
  organisation: 'org-futian-demo',
  uuid: '6f1c3a52-1b1e-4c5d-9a8b-0c1d2e3f4a5b',
};
const first17 = '44030419880808001';
const citizenId = `${first17}${checkCharacter(first17)}`;
const creditCode = `91440304708461136${creditCodeCheck('91440304708461136')}`;
const phone = '13800138000';
const street = '440304001';
const address = { division: street, detail: '深南中路1001号' };
const tenant = { name: '买买提·艾力', citizenId, phone, moveInDate: '2026-01-10', room: '501' };
const stay = { intendedStay: INTENDED_STAYS[0], reason: 'other', reasonDetail: '照顾老人' };

/** Valid requests by route id and part; a part whose strings are all excepted needs none. */
const EXAMPLES: Record<string, Partial<Record<Part, readonly unknown[]>>> = {
  RequestCode: { body: [{ phone }] },
  IssueToken: { body: [{ phone, code: '123456' }, { username: 'officer.li', password: 'secret' }] },
  Outbox: { query: [{ phone }] },
  GetPolicy: { params: [{ id: 'national' }] },
  PolicyForDivision: { params: [{ division: '650102' }] },
  ListDivisions: { query: [{}] },
  PutProfile: {
    body: [
      {
        name: 'ئابدۇرېھىم',
        citizenId,
        ethnicity: ETHNICITIES[0],
        hukou: { division: '653101', detail: '喀什市某某路12号' },
        education: EDUCATION_LEVELS[0],
        employment: EMPLOYMENT_STATUSES[0],
        employer: '示例建筑劳务有限公司',
      },
    ],
  },
  AddChild: { body: [{ name: '艾力', citizenId, schoolStatus: SCHOOL_STATUSES[0] }] },
  CreateUpload: { body: [{ purpose: 'residenceProof', fileName: 'lease.pdf', contentType: PROOF_CONTENT_TYPES[2], size: 100 }] },
  PreviewDeadline: { query: [{ division: street, moveInDate: '2026-01-10' }] },
  SubmitDeclaration: {
    body: [
      {
        address,
        moveInDate: '2026-01-10',
        intendedStay: INTENDED_STAYS[0],
        reason: 'other',
        reasonDetail: '照顾老人',
        housing: HOUSING_TYPES[0],
        landlordPhone: phone,
        proofUploadId: ID.uuid,
        changeOf: ID.declaration,
        houseCode: ID.house,
      },
    ],
  },
  ListDeclarations: { query: [{}] },
  GetDeclaration: { params: [{ id: ID.declaration }] },
  ResubmitDeclaration: {
    params: [{ id: ID.declaration }],
    body: [{ declaration: { address, moveInDate: '2026-01-10', intendedStay: INTENDED_STAYS[0], reason: 'work', housing: 'own' }, version: 1 }],
  },
  MoveOut: { params: [{ id: ID.declaration }], body: [{ movedOutOn: '2026-01-10' }] },
  ListMessages: { query: [{}] },
  ReviewQueue: { query: [{}] },
  GetForReview: { params: [{ id: ID.declaration }] },
  RevealCitizenId: { params: [{ id: ID.declaration }], body: [{ purpose: '核对身份' }] },
  Decide: { params: [{ id: ID.declaration }], body: [{ decision: 'return', reasons: [RETURN_REASONS[0]], note: '请补充门牌号' }] },
  ApplyForPermit: { body: [{ documents: [{ kind: DOCUMENTS[0], uploadId: ID.uuid }] }] },
  GetPermitApplication: { params: [{ id: ID.application }] },
  ResubmitPermitApplication: { params: [{ id: ID.application }], body: [{ documents: [{ kind: DOCUMENTS[0], uploadId: ID.uuid }], version: 1 }] },
  EndorsePermit: { body: [{ version: 1 }] },
  RenewPermit: { body: [{ version: 1 }] },
  CancelPermit: { body: [{ leavingOn: '2026-01-10', version: 1 }] },
  WithdrawCancellation: { query: [{}] },
  GetEntitlements: { query: [{}] },
  PermitQueue: { query: [{}] },
  GetPermitApplicationForReview: { params: [{ id: ID.application }] },
  DecidePermitApplication: {
    params: [{ id: ID.application }],
    body: [
      { action: 'return', corrections: [CORRECTION_ITEMS[0]], note: '照片背景应为白色', version: 1 },
      { action: 'reject', reasons: [REJECTION_REASONS[0]], note: '居住不满半年', version: 1 },
    ],
  },
  BulkApprovePermits: { body: [{ items: [{ id: ID.application, version: 1 }] }] },
  RegisterHouse: {
    body: [
      {
        address,
        building: '3',
        unit: '2',
        room: '501',
        type: HOUSE_TYPES[0],
        rooms: 3,
        maxOccupants: 4,
        safety: { smokeAlarm: true, extinguisher: true, escapeRoute: true },
      },
    ],
  },
  GetHouse: { params: [{ id: ID.house }] },
  UpdateHouse: { params: [{ id: ID.house }], body: [{ detail: '深南中路1001号', building: '3', unit: '2', room: '501', version: 1 }] },
  AddAgent: { params: [{ id: ID.house }], body: [{ phone }] },
  RemoveAgent: { params: [{ id: ID.house, agentId: 'agent-0001' }] },
  ReportDeadlines: { params: [{ id: ID.house }], query: [{ event: 'moveIn', date: '2026-01-10' }] },
  ReportTenants: { params: [{ id: ID.house }], body: [{ tenants: [tenant] }] },
  MoveTenantOut: { params: [{ id: ID.tenancy }], body: [{ movedOutOn: '2026-01-10' }] },
  DecideConfirmation: { params: [{ id: ID.tenancy }], body: [{ decision: 'decline', reason: '此人未在此居住' }] },
  ConfirmTenancy: { params: [{ id: ID.tenancy }], body: [{ decision: 'confirm', ...stay, version: 1 }] },
  StationHouses: { query: [{}] },
  GetStationHouse: { params: [{ id: ID.house }] },
  OverdueReports: { query: [{}] },
  VerifyTenancy: { params: [{ id: ID.tenancy }], body: [{ ...stay, version: 1 }] },
  CreateOrganisation: { body: [{ type: ORGANISATION_TYPES[0], name: '深圳示例科技有限公司', creditCode, address }] },
  ListOrganisations: { query: [{}] },
  GetOrganisation: { params: [{ id: ID.organisation }] },
  CreateOrganisationUser: { params: [{ id: ID.organisation }], body: [{ username: 'hr.wang', displayName: '王芳', phone }] },
  CreateSheetUpload: { body: [{ fileName: '员工名单.xlsx', size: 100 }] },
  ListSheetUploads: { query: [{}] },
  GetSheetUpload: { params: [{ id: ID.upload }] },
  CommitSheetUpload: { params: [{ id: ID.upload }] },
  GetSheetUploadErrors: { params: [{ id: ID.upload }] },
  ListReportedPeople: { query: [{}] },
  CreateApiKey: { body: [{ name: 'HR system' }] },
  RevokeApiKey: { params: [{ id: '7KQ3M9A27K' }] },
  PutLocalBlob: { params: [{ key: 'uploads/a.pdf' }], query: [{ expires: '1', signature: 'a'.repeat(43) }] },
  GetLocalBlob: { params: [{ key: 'uploads/a.pdf' }], query: [{ expires: '1', signature: 'a'.repeat(43) }] },
  UploadRow: {
    row: [
      { name: '买买提·艾力', citizenId, phone, event: 'moveIn', date: '2026-01-10', street, address: '深南中路1001号', workplace: '示例建筑工地' },
      { name: '李四', citizenId, phone, event: 'moveIn', date: '2026/1/10', houseCode: ID.house },
    ],
  },
};

/** Strings that are not text anyone reads or that is stored, each with why it is left to its own check. */
const EXCEPTIONS: Record<string, string> = {
  'IssueToken body password': 'a secret: compared with its hash, never shown or stored; trimming or normalising it would change it',
  'VerifyPermit params token': "a signed token: anything but the signer's bytes fails the signature check and is answered 400",
  'HouseByCode params code': 'a house code as typed (spaces, lower case): normalised and looked up, never stored or shown',
  'PutLocalBlob query contentType': "covered by the URL's signature: any other value than the server signed is refused",
  'PutLocalBlob query fileName': "covered by the URL's signature: any other value than the server signed is refused",
  'GetLocalBlob query contentType': "covered by the URL's signature: any other value than the server signed is refused",
  'GetLocalBlob query fileName': "covered by the URL's signature: any other value than the server signed is refused",
};

/* ------------------------------------------- tests ------------------------------------------- */

const targets = [
  ...routes.flatMap((route) =>
    (['body', 'query', 'params'] as const).flatMap((part) => {
      const schema = route.contract[part];
      return schema ? [{ id: route.id, part: part as Part, schema }] : [];
    }),
  ),
  { id: 'UploadRow', part: 'row' as Part, schema: UploadRow as z.ZodType },
];

const exceptedFor = (id: string, part: Part) =>
  new Set(
    Object.keys(EXCEPTIONS)
      .filter((key) => key.startsWith(`${id} ${part} `))
      .map((key) => key.slice(`${id} ${part} `.length)),
  );

describe.each(targets.map((t) => [`${t.id} ${t.part}`, t] as const))('%s', (_, { id, part, schema }) => {
  it('refuses a hidden character in every string it takes', () => {
    expect(problemsOf(schema, EXAMPLES[id]?.[part] ?? [], exceptedFor(id, part))).toEqual([]);
  });
});

describe('the walk itself', () => {
  it('finds a raw string, and a pattern that lets a hidden character through', () => {
    const raw = z.object({ note: z.string().max(20), name: z.string().regex(/^[^\d]+$/) }).strict();
    expect(problemsOf(raw, [{ note: 'ok', name: 'ok' }], new Set())).toEqual(
      expect.arrayContaining(['note: takes a bidiOverride', 'name: takes a nul', 'name: takes a loneSurrogate']),
    );
  });

  it('finds a string no example reaches, in an option of a union the examples never take', () => {
    const decision = z.discriminatedUnion('action', [
      z.object({ action: z.literal('a') }),
      z.object({ action: z.literal('b'), note: z.string() }),
    ]);
    expect(problemsOf(decision, [{ action: 'a' }], new Set())).toEqual(['note: no example reaches it']);
  });

  it('has an example or an exception for every route that takes a string, and no exception for a field that is not there', () => {
    const known = new Set(targets.flatMap(({ id, part, schema }) => [...textLeaves(schema, undefined)].map((leaf) => `${id} ${part} ${keyOf(leaf.path)}`)));
    expect(Object.keys(EXCEPTIONS).filter((key) => !known.has(key))).toEqual([]);
    expect(Object.keys(EXAMPLES).filter((id) => !targets.some((t) => t.id === id))).toEqual([]);
  });
});
