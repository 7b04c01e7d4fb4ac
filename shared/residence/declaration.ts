/**
 * The life of a residence declaration (居住登记申报), as pure rules: which states exist, which events
 * move it between them and who may cause each.
 *
 *   submitted ──verify──▶ registered ──moveOut / superseded──▶ ended
 *       │  ▲                                    
 *   return  resubmit                            
 *       ▼  │                                    
 *     returned ──moveOut (withdraw)──▶ ended     (submitted may be withdrawn too)
 */
export const DECLARATION_STATUSES = ['submitted', 'returned', 'registered', 'ended'] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

/** Statuses still waiting for someone: at most one declaration of a person is in one of them. */
export const IN_PROGRESS: readonly DeclarationStatus[] = ['submitted', 'returned'];

export const DECLARATION_EVENTS = ['submitted', 'returned', 'resubmitted', 'verified', 'movedOut', 'superseded'] as const;
export type DeclarationEvent = (typeof DECLARATION_EVENTS)[number];

export type Actor = 'migrant' | 'officer';

interface Transition {
  from: readonly DeclarationStatus[];
  to: DeclarationStatus;
  by: Actor;
}

export const TRANSITIONS: Record<Exclude<DeclarationEvent, 'submitted'>, Transition> = {
  returned: { from: ['submitted'], to: 'returned', by: 'officer' },
  resubmitted: { from: ['returned'], to: 'submitted', by: 'migrant' },
  verified: { from: ['submitted'], to: 'registered', by: 'officer' },
  movedOut: { from: ['submitted', 'returned', 'registered'], to: 'ended', by: 'migrant' },
  // The registered residence a verified change of address replaces.
  superseded: { from: ['registered'], to: 'ended', by: 'officer' },
};

/** The status after `event`, or undefined when the event cannot happen in `status`. */
export function nextStatus(status: DeclarationStatus, event: Exclude<DeclarationEvent, 'submitted'>): DeclarationStatus | undefined {
  const transition = TRANSITIONS[event];
  return transition.from.includes(status) ? transition.to : undefined;
}

/** Crockford base32 without I, L, O, U: readable aloud and over the phone. */
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A declaration's reference number, also its id: `JD` (居登), the Shanghai date of submission and
 * six random characters, e.g. `JD20261122-7KQ3M9`. `random` gives six values in [0, 32).
 */
export function referenceNumber(submittedOn: string, random: readonly number[]): string {
  const suffix = random
    .slice(0, 6)
    .map((n) => REFERENCE_ALPHABET[n % 32])
    .join('');
  return `JD${submittedOn.replaceAll('-', '')}-${suffix}`;
}

export const REFERENCE_PATTERN = /^JD\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/;
