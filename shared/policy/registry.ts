/**
 * Loads the packs: validates each against the schema, applies inheritance (a local pack overrides
 * what its own regulation sets and inherits the rest from `national`), and picks the pack that
 * governs a division code (the most specific prefix wins).
 */
import * as z from 'zod';
import { policyPack, type Entitlement, type PackId, type PolicyPack, type PolicyPackInput } from './schema.ts';
import { datong } from './packs/datong.ts';
import { liaoning } from './packs/liaoning.ts';
import { national } from './packs/national.ts';
import { ningxia } from './packs/ningxia.ts';
import { xinjiang } from './packs/xinjiang.ts';

export class PolicyPackError extends Error {
  constructor(
    readonly packId: string,
    readonly problems: string[],
  ) {
    super(`policy pack ${packId} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyPackError';
  }
}

const SECTIONS = ['registration', 'landlord', 'tenant', 'employer', 'agency', 'market', 'institution', 'permit'] as const;

/** National entitlements first, each replaced by a local one with the same id; local additions after. */
function mergeEntitlements(base: Entitlement[] = [], local: Entitlement[] = []): Entitlement[] {
  const localById = new Map(local.map((e) => [e.id, e]));
  const merged = base.map((e) => localById.get(e.id) ?? e);
  const baseIds = new Set(base.map((e) => e.id));
  return [...merged, ...local.filter((e) => !baseIds.has(e.id))];
}

/** A local pack over its base: each rule the local regulation sets replaces the base rule whole. */
export function resolvePack(local: PolicyPack, base: PolicyPack): PolicyPack {
  const resolved: PolicyPack = {
    ...local,
    sources: [...new Set([...base.sources, ...local.sources])],
    entitlements: mergeEntitlements(base.entitlements, local.entitlements),
  };
  const fines = local.fines ?? base.fines;
  if (fines) resolved.fines = fines;
  for (const section of SECTIONS) {
    const merged = { ...base[section], ...local[section] };
    if (Object.keys(merged).length > 0) (resolved as Record<string, unknown>)[section] = merged;
  }
  return resolved;
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(pack)'}: ${issue.message}`);
}

export interface PackSet {
  /** Packs with inheritance applied, by id. */
  byId: ReadonlyMap<PackId, PolicyPack>;
  /** Packs as written, validated, before inheritance. */
  raw: ReadonlyMap<PackId, PolicyPack>;
  forDivision(code: string): PolicyPack;
}

/** Validates and resolves a set of packs; any problem throws naming the pack and the field. */
export function loadPacks(inputs: readonly PolicyPackInput[]): PackSet {
  const raw = new Map<PackId, PolicyPack>();
  for (const input of inputs) {
    // Each pack is parsed once per process: compiling a fast parser for it (zod's JIT) would cost more than it saves.
    const parsed = policyPack.safeParse(input, { jitless: true });
    const id = String((input as { id?: unknown }).id ?? '(no id)');
    if (!parsed.success) throw new PolicyPackError(id, describeIssues(parsed.error));
    if (raw.has(parsed.data.id)) throw new PolicyPackError(id, ['id: defined twice']);
    raw.set(parsed.data.id, parsed.data);
  }
  const roots = [...raw.values()].filter((p) => !p.extends);
  if (roots.length !== 1 || roots[0]!.divisionPrefixes.length > 0) {
    throw new PolicyPackError('(set)', ['exactly one pack must extend nothing and govern no prefix (the national pack)']);
  }
  const root = roots[0]!;
  const owners = new Map<string, PackId>();
  for (const pack of raw.values()) {
    if (pack.extends && !raw.has(pack.extends)) throw new PolicyPackError(pack.id, [`extends: unknown pack ${pack.extends}`]);
    if (pack.extends && pack.extends !== root.id) throw new PolicyPackError(pack.id, [`extends: must extend ${root.id}`]);
    for (const prefix of pack.divisionPrefixes) {
      const owner = owners.get(prefix);
      if (owner) throw new PolicyPackError(pack.id, [`divisionPrefixes: ${prefix} is already governed by ${owner}`]);
      owners.set(prefix, pack.id);
    }
  }
  const byId = new Map<PackId, PolicyPack>(
    [...raw.values()].map((pack) => [pack.id, pack.extends ? resolvePack(pack, raw.get(pack.extends)!) : pack]),
  );
  const prefixes = [...owners.entries()].sort(([a], [b]) => b.length - a.length);
  return {
    byId,
    raw,
    forDivision(code) {
      const owner = prefixes.find(([prefix]) => code.startsWith(prefix));
      return byId.get(owner ? owner[1] : root.id)!;
    },
  };
}

let packs: PackSet | undefined;

/**
 * The portal's packs, validated and resolved the first time one is asked for, not when a module
 * that may need them is loaded: a cold start that never consults a pack does not pay for it.
 * @example
 * policyPacks().byId.get('datong')
 */
export const policyPacks = (): PackSet => (packs ??= loadPacks([national, liaoning, xinjiang, datong, ningxia]));

export const packById = (id: PackId): PolicyPack => policyPacks().byId.get(id)!;
export const packForDivision = (code: string): PolicyPack => policyPacks().forDivision(code);
