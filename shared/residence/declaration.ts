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
import { datedReference } from '../references.ts';
export const DECLARATION_STATUSES = ['submitted', 'returned', 'registered', 'ended'] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

/** Statuses still waiting for someone: at most one declaration of a person is in one of them. */
export const IN_PROGRESS: readonly DeclarationStatus[] = ['submitted', 'returned'];

export const DECLARATION_EVENTS = [
  'submitted',
  'returned',
  'resubmitted',
  'verified',
  'movedOut',
  'superseded',
  // Two-sided confirmation with the landlord of a registered rental house.
  'reportedByLandlord',
  'confirmedByLandlord',
  'confirmedByTenant',
  'declinedByLandlord',
  'referredToOffice',
] as const;
export type DeclarationEvent = (typeof DECLARATION_EVENTS)[number];

export type Actor = 'migrant' | 'officer' | 'landlord' | 'system';

interface Transition {
  from: readonly DeclarationStatus[];
  to: DeclarationStatus;
  by: Actor;
}

type MovingEvent = Exclude<DeclarationEvent, 'submitted' | 'reportedByLandlord' | 'confirmedByTenant' | 'declinedByLandlord' | 'referredToOffice'>;

/**
 * Events that move a declaration. The others are recorded in its history only: a landlord's report
 * and the tenant's confirmation create it registered; a landlord's refusal or silence sends it to
 * the officer's queue, still submitted.
 */
export const TRANSITIONS: Record<MovingEvent, Transition> = {
  returned: { from: ['submitted'], to: 'returned', by: 'officer' },
  resubmitted: { from: ['returned'], to: 'submitted', by: 'migrant' },
  verified: { from: ['submitted'], to: 'registered', by: 'officer' },
  movedOut: { from: ['submitted', 'returned', 'registered'], to: 'ended', by: 'migrant' },
  // The registered residence a verified change of address replaces.
  superseded: { from: ['registered'], to: 'ended', by: 'officer' },
  // The landlord of a registered house confirms the tenant lives there: no officer visit needed.
  confirmedByLandlord: { from: ['submitted'], to: 'registered', by: 'landlord' },
};

/** The status after `event`, or undefined when the event cannot happen in `status`. */
export function nextStatus(status: DeclarationStatus, event: MovingEvent): DeclarationStatus | undefined {
  const transition = TRANSITIONS[event];
  return transition.from.includes(status) ? transition.to : undefined;
}

/**
 * A declaration's reference number, also its id: `JD` (居登), the Shanghai date of submission and
 * six random characters, e.g. `JD20261122-7KQ3M9`. `random` gives six values in [0, 32).
 */
export const referenceNumber = (submittedOn: string, random: readonly number[]): string => datedReference('JD', submittedOn, random);

export const REFERENCE_PATTERN = /^JD\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/;
