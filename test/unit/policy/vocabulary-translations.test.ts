/**
 * Packs hold codes; people read the `policy` namespace. Every code of every list has words in every
 * language (the locale-key test cannot see keys built from codes at run time).
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '#shared/i18n/languages';
import { PACK_IDS } from '#shared/policy/schema';
import { SOURCE_IDS } from '#shared/policy/sources';
import * as vocabulary from '#shared/policy/vocabulary';
import { readTranslations } from '../web/i18n-fixture.ts';

const GROUPS: Record<string, readonly string[]> = {
  events: vocabulary.EVENTS,
  duties: vocabulary.DUTIES,
  purposes: vocabulary.STAY_PURPOSES,
  facts: vocabulary.STATUS_FACTS,
  permitStates: vocabulary.PERMIT_STATES,
  documents: vocabulary.DOCUMENTS,
  offices: vocabulary.OFFICES,
  areas: vocabulary.ENTITLEMENT_AREAS,
  services: vocabulary.SERVICES,
  parties: vocabulary.PARTIES,
  offences: vocabulary.OFFENCES,
  permitServices: vocabulary.PERMIT_SERVICES,
  scopes: vocabulary.REGISTRATION_SCOPES,
  exclusions: vocabulary.REGISTRATION_EXCLUSIONS,
  packs: PACK_IDS,
  sources: SOURCE_IDS,
  missingFacts: [...vocabulary.STATUS_FACTS, 'birthDate', 'residenceStart', 'plannedStayDays', 'stayPurpose', 'permit', 'socialInsuranceMonths', 'children', 'officeAssessment'],
};

describe.each(LANGUAGES)('policy.json in %s', (language) => {
  const file = readTranslations(language, 'policy') as Record<string, Record<string, string> | undefined>;
  it.each(Object.entries(GROUPS))('translates every %s code', (group, codes) => {
    const missing = codes.filter((code) => !file[group]?.[code]?.trim());
    expect(missing).toEqual([]);
  });
  it('has a count phrase for every unit', () => {
    for (const unit of vocabulary.DURATION_UNITS) expect(file.units?.[`${unit}_other`]).toContain('{{count}}');
  });
});
