/** What the permit screens decide on their own: who may apply, the steps, what is sent, the card's actions, the QR refresh. */
import { describe, expect, it } from 'vitest';
import type { EligibilityView, HolderPermit, PermitApplication, PermitCard, PermitOverview } from '#shared/api/permit';
import {
  applicantsOf,
  applySteps,
  cardActionsOf,
  documentKindAt,
  documentsOf,
  mayApply,
  progressOf,
  proofKindsOf,
  qrSecondsLeft,
  validityYearsOf,
} from '../../../web/src/portal/permit/rules.ts';
import { refusalOf } from '../../../web/src/verify/verdict.ts';
import { ApiError } from '../../../web/src/api/errors.ts';

const CHILD = '7d9f4a52-3c1e-4b8a-9f0e-2a6b5c4d3e21';
const eligible: EligibilityView = { status: 'eligible', optional: false, reason: '', citations: [] };
const notYet: EligibilityView = { status: 'notYet', on: '2027-03-01', optional: false, reason: '', citations: [] };
const place = { division: '210102001', path: ['辽宁省', '沈阳市', '和平区', '太原街街道'], detail: '1号' };

function application(status: PermitApplication['status'], events: PermitApplication['history'][number]['event'][]): PermitApplication {
  return {
    id: 'JZ20261122-7KQ3M9',
    kind: 'first',
    status,
    holder: 'self',
    holderName: '张三',
    packId: 'liaoning',
    station: { id: 's', name: '太原街派出所' },
    address: place,
    documents: [],
    submittedAt: '2026-11-22T02:00:00.000Z',
    updatedAt: '2026-11-22T02:00:00.000Z',
    version: 1,
    history: events.map((event, index) => ({ at: `2026-11-${String(22 + index).padStart(2, '0')}T02:00:00.000Z`, event, actor: 'officer' })),
  };
}

function permit(patch: Partial<PermitCard> = {}): PermitCard {
  return {
    id: 'p1',
    number: '2101-2026-7KQ3M9',
    status: 'valid',
    holder: 'self',
    holderName: '张三',
    photoUrl: '/photo',
    packId: 'national',
    address: place,
    city: '沈阳市',
    issuedOn: '2026-11-30',
    validUntil: '2029-11-30',
    yearsFrom: '2026-11-30',
    endorsements: [],
    qr: { token: 'a.b.c', link: '/verify?t=a.b.c', expiresAt: '2026-11-30T00:02:00.000Z', refreshSeconds: 60 },
    version: 3,
    ...patch,
  };
}

const holder = (patch: Partial<HolderPermit>): HolderPermit => ({ holder: 'self', name: '张三', birthDate: '1990-01-01', eligibility: eligible, ...patch });

describe('who may apply', () => {
  it('an eligible person with nothing under way', () => {
    expect(mayApply(holder({}))).toBe(true);
  });

  it('not before the date, not with an application under way, not with a permit that counts', () => {
    expect(mayApply(holder({ eligibility: notYet }))).toBe(false);
    expect(mayApply(holder({ application: application('submitted', ['submitted']) }))).toBe(false);
    expect(mayApply(holder({ permit: permit({ status: 'suspended' }) }))).toBe(false);
  });

  it('again once the last application was refused or the permit was cancelled', () => {
    expect(mayApply(holder({ application: application('rejected', ['submitted', 'rejected']) }))).toBe(true);
    expect(mayApply(holder({ permit: permit({ status: 'cancelled' }) }))).toBe(true);
  });

  it('a child only where the pack lets the guardian apply', () => {
    const child = holder({ holder: CHILD, name: '张小明' });
    expect(mayApply({ ...child, guardianMayApply: true })).toBe(true);
    expect(mayApply({ ...child, guardianMayApply: false })).toBe(false);
    expect(mayApply(child)).toBe(false);
  });

  it('lists the caller first, then the children who may apply', () => {
    const overview = {
      packId: 'national',
      residence: null,
      terms: null,
      self: holder({}),
      children: [holder({ holder: CHILD, name: '张小明', guardianMayApply: true }), holder({ holder: 'c2', name: '张小红', guardianMayApply: false })],
    } as PermitOverview;
    expect(applicantsOf(overview).map((h) => h.holder)).toEqual(['self', CHILD]);
  });
});

describe('the steps of an application', () => {
  it('asks whom for only when there is a choice, the validity only when the pack offers several', () => {
    expect(applySteps('first', { applicants: 1, validityChoices: 3, proofKinds: 2 })).toEqual(['validity', 'photo', 'proofs', 'check']);
    expect(applySteps('first', { applicants: 2, validityChoices: 1, proofKinds: 2 })).toEqual(['who', 'photo', 'proofs', 'check']);
    expect(applySteps('first', { applicants: 1, validityChoices: 1, proofKinds: 0 })).toEqual(['photo', 'check']);
  });

  it('a lost card is replaced with a new photo and the proofs, for the same holder and validity', () => {
    expect(applySteps('replacement', { applicants: 2, validityChoices: 3, proofKinds: 4 })).toEqual(['photo', 'proofs', 'check']);
  });

  it('uploads every document the pack lists but the ID card (profile) and the photo (its own step)', () => {
    expect(proofKindsOf(['citizenId', 'photo', 'residenceProof', 'employmentProof', 'studyProof'])).toEqual([
      'residenceProof',
      'employmentProof',
      'studyProof',
    ]);
  });

  it('offers validity in whole years (Liaoning 1, 2 or 3)', () => {
    expect(
      validityYearsOf([
        { amount: 1, unit: 'years' },
        { amount: 2, unit: 'years' },
        { amount: 36, unit: 'months' },
        { amount: 10, unit: 'days' },
      ]),
    ).toEqual([1, 2, 3]);
  });

  it('sends the photo first, then the proofs in the pack order, and finds a field error’s document again', () => {
    const file = (uploadId: string) => ({ uploadId, fileName: 'x.jpg', size: 1, contentType: 'image/jpeg' });
    const sent = documentsOf(
      { photo: file('p'), proofs: { studyProof: file('s'), residenceProof: file('r') } },
      ['residenceProof', 'employmentProof', 'studyProof'],
    );
    expect(sent).toEqual([
      { kind: 'photo', uploadId: 'p' },
      { kind: 'residenceProof', uploadId: 'r' },
      { kind: 'studyProof', uploadId: 's' },
    ]);
    expect(documentKindAt('documents.2.uploadId', sent)).toBe('studyProof');
    expect(documentKindAt('documents.0', sent)).toBe('photo');
    expect(documentKindAt('documents', sent)).toBeUndefined();
    expect(documentKindAt('validityYears', sent)).toBeUndefined();
  });
});

describe('the road of an application', () => {
  it('shows what happened and what comes next', () => {
    expect(progressOf(application('accepted', ['submitted', 'accepted'])).map((item) => item.state)).toEqual(['done', 'done', 'current', 'waiting']);
    expect(progressOf(application('issued', ['submitted', 'accepted', 'approved', 'issued'])).every((item) => item.state === 'done')).toBe(true);
  });

  it('counts from the latest submission: a corrected application is accepted afresh', () => {
    const items = progressOf(application('submitted', ['submitted', 'accepted', 'returned', 'resubmitted']));
    expect(items.map((item) => item.state)).toEqual(['done', 'current', 'waiting', 'waiting']);
    expect(items[0]!.at).toBe('2026-11-25T02:00:00.000Z');
  });

  it('stops where a refusal stopped it', () => {
    expect(progressOf(application('rejected', ['submitted', 'rejected'])).map((item) => item.state)).toEqual(['done', 'stopped', 'stopped', 'stopped']);
  });
});

describe('what the card offers', () => {
  const window = (open: boolean) => ({
    anniversary: '2027-11-30',
    opens: '2027-10-30',
    closes: '2027-11-30',
    open,
    citation: { source: 'national', article: '第十三条', quote: '居住证每年签注一次' },
  }) as const;

  it('endorsing inside the window, or late to lift a suspension', () => {
    expect(cardActionsOf(holder({ permit: permit({ nextEndorsement: window(false) }) })).endorse).toBe(false);
    expect(cardActionsOf(holder({ permit: permit({ nextEndorsement: window(true) }) })).endorse).toBe(true);
    expect(cardActionsOf(holder({ permit: permit({ status: 'suspended' }) })).endorse).toBe(true);
    expect(cardActionsOf(holder({ permit: permit({ status: 'cancelled', nextEndorsement: window(true) }) })).endorse).toBe(false);
  });

  it('leaving once, then taking it back until it takes effect', () => {
    const leaving = holder({ permit: permit({ cancellation: { leavingOn: '2027-01-10', effectiveOn: '2027-02-10' } }) });
    expect(cardActionsOf(holder({ permit: permit() }))).toMatchObject({ leave: true, withdrawLeaving: false });
    expect(cardActionsOf(leaving)).toMatchObject({ leave: false, withdrawLeaving: true });
  });

  it('no renewal or replacement while an application is under way, and none for a cancelled permit', () => {
    const busy = holder({ permit: permit(), application: application('submitted', ['submitted']) });
    expect(cardActionsOf(busy)).toMatchObject({ renew: false, replace: false });
    expect(cardActionsOf(holder({ permit: permit({ status: 'cancelled' }) }))).toMatchObject({ renew: false, replace: false, leave: false });
    expect(cardActionsOf(holder({ permit: permit({ status: 'expired' }) }))).toMatchObject({ renew: true, replace: false });
    expect(cardActionsOf(holder({ permit: permit({ validUntil: undefined }) })).renew).toBe(false);
  });
});

describe('the QR code refresh', () => {
  it('counts down from when the code arrived, never below zero', () => {
    expect(qrSecondsLeft(1_000, 60, 1_000)).toBe(60);
    expect(qrSecondsLeft(1_000, 60, 30_500)).toBe(31);
    expect(qrSecondsLeft(1_000, 60, 61_000)).toBe(0);
    expect(qrSecondsLeft(1_000, 60, 500_000)).toBe(0);
  });
});

describe('a verification the API refuses', () => {
  it('a forged or altered code is not genuine; an old one has expired; anything else can be tried again', () => {
    expect(refusalOf(new ApiError(400, 'verification_token_invalid', 'x'))).toBe('notGenuine');
    expect(refusalOf(new ApiError(400, 'validation_failed', 'x'))).toBe('notGenuine');
    expect(refusalOf(new ApiError(410, 'verification_token_expired', 'x'))).toBe('expired');
    expect(refusalOf(new ApiError(0, 'network', 'x'))).toBe('failed');
    expect(refusalOf(new ApiError(503, 'service_unavailable', 'x'))).toBe('failed');
    expect(refusalOf(new Error('boom'))).toBe('failed');
  });
});
