/**
 * Organisations with reporting duties (POLICY.md section 3): employers, housing and job agencies,
 * market operators and construction sites, identified by their unified social credit code
 * (统一社会信用代码, GB 32100-2015), and the events each kind reports.
 */

export const ORGANISATION_TYPES = ['employer', 'housingAgency', 'jobAgency', 'marketOperator', 'constructionSite'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** What an upload row reports. */
export const ROW_EVENTS = ['hire', 'termination', 'moveIn', 'moveOut', 'placement'] as const;
export type RowEvent = (typeof ROW_EVENTS)[number];

/**
 * The events each kind of organisation reports. A construction site hires and lets go of its
 * workers and houses them in its sheds; a market operator reports the people who come to live and
 * trade in it; a housing agency reports placements and, as the landlord's agent, move-ins and
 * move-outs.
 */
export const EVENTS_OF: Readonly<Record<OrganisationType, readonly RowEvent[]>> = {
  employer: ['hire', 'termination'],
  constructionSite: ['hire', 'termination', 'moveIn', 'moveOut'],
  housingAgency: ['placement', 'moveIn', 'moveOut'],
  jobAgency: ['placement'],
  marketOperator: ['moveIn', 'moveOut'],
};

export const reportsEvent = (type: OrganisationType, event: RowEvent) => EVENTS_OF[type].includes(event);

/** GB 32100-2015: 31 characters, no I, O, S, V, Z. */
const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Upper case, without spaces: how a typed code is compared and stored. */
export const normaliseCreditCode = (code: string) => code.replace(/\s+/g, '').toUpperCase();

/** The check character (the 18th) of the first 17 characters, or undefined when one is not in the character set. */
export function creditCodeCheck(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) return undefined;
    sum += value * CREDIT_CODE_WEIGHTS[i]!;
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * A well-formed unified social credit code: 18 characters of the set, the registering authority
 * (1–9, A–N, Y), the 6-digit division code of where it was registered, and the right check character.
 */
export function isCreditCode(code: string): boolean {
  const c = normaliseCreditCode(code);
  if (!/^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/.test(c)) return false;
  return creditCodeCheck(c.slice(0, 17)) === c[17];
}
