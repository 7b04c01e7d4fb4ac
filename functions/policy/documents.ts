/** Policy packs as the API returns them: resolved, with the regulations they cite. */
import type { PolicyDocument, PolicySummary } from '#shared/api/policies';
import { policyPacks } from '#shared/policy/registry';
import type { PackId, PolicyPack } from '#shared/policy/schema';
import { SOURCES, type SourceId } from '#shared/policy/sources';

const describeSources = (ids: readonly SourceId[]) => ids.map((id) => ({ id, ...SOURCES[id] }));

export const policySummaries = (): PolicySummary[] =>
  [...policyPacks().raw.values()].map((pack) => ({
    id: pack.id,
    ...(pack.extends ? { extends: pack.extends } : {}),
    divisionPrefixes: pack.divisionPrefixes,
    sources: describeSources(policyPacks().byId.get(pack.id)!.sources),
  }));

export const policyDocumentOf = (pack: PolicyPack): PolicyDocument => ({ pack, sources: describeSources(pack.sources) });

export const findPack = (id: string): PolicyPack | undefined => policyPacks().byId.get(id as PackId);
