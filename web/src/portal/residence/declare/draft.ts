import { useEffect, useState } from 'react';
import type { Declaration, DeclarationInput } from '#shared/api/residence';
import type { HousingType, IntendedStay, ResidenceReason } from '#shared/residence/vocabulary';

export interface ProofFile {
  uploadId: string;
  fileName: string;
  size: number;
  contentType: string;
}

/** The form as far as the user has got; everything optional until the check step. */
export interface Draft {
  address?: { division: string; path: string[]; detail: string };
  moveInDate?: string;
  intendedStay?: IntendedStay;
  reason?: ResidenceReason;
  reasonDetail?: string;
  housing?: HousingType;
  landlordPhone?: string;
  proof?: ProofFile;
  /** For a correction: the version of the declaration the draft started from. */
  basedOn?: number;
}

export const STEPS = ['address', 'details', 'proof', 'check'] as const;
export type Step = (typeof STEPS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A returned declaration as the form to correct it. */
export function draftFrom(declaration: Declaration): Draft {
  const document = declaration.documents.find((candidate) => candidate.kind === 'residenceProof') ?? declaration.documents[0];
  return {
    address: { division: declaration.address.division, path: declaration.address.path, detail: declaration.address.detail },
    moveInDate: declaration.moveInDate,
    intendedStay: declaration.intendedStay,
    reason: declaration.reason,
    reasonDetail: declaration.reasonDetail,
    housing: declaration.housing,
    landlordPhone: declaration.landlordPhone,
    proof:
      document && UUID.test(document.id)
        ? { uploadId: document.id, fileName: document.fileName, size: document.size, contentType: document.contentType }
        : undefined,
    basedOn: declaration.version,
  };
}

/**
 * What is sent: the draft's answers, without those a later answer made moot (a landlord's phone when
 * not renting, or when renting a registered house, whose code says who the landlord is).
 */
export function inputFrom(draft: Draft, changeOf: string | undefined, houseCode?: string): DeclarationInput {
  return {
    address: { division: draft.address?.division ?? '', detail: draft.address?.detail ?? '' },
    moveInDate: draft.moveInDate ?? '',
    intendedStay: draft.intendedStay!,
    reason: draft.reason!,
    reasonDetail: draft.reason === 'other' ? draft.reasonDetail?.trim() || undefined : undefined,
    housing: draft.housing!,
    landlordPhone: draft.housing === 'rented' && !houseCode ? draft.landlordPhone?.trim() || undefined : undefined,
    proofUploadId: draft.proof?.uploadId,
    changeOf,
    houseCode,
  };
}

function read<D>(key: string): D | undefined {
  try {
    const text = sessionStorage.getItem(key);
    return text ? (JSON.parse(text) as D) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The draft, kept in sessionStorage under `key` so a reload (or a phone that drops the tab) loses
 * nothing; gone when the tab is closed, as a form with an ID number in it should be.
 */
export function useDraft<D extends object = Draft>(key: string, initial: () => D, usable: (stored: D) => boolean = () => true) {
  const [draft, setDraft] = useState<D>(() => {
    const stored = read<D>(key);
    return stored && usable(stored) ? stored : initial();
  });
  useEffect(() => {
    try {
      sessionStorage.setItem(key, JSON.stringify(draft));
    } catch {
      // Storage full or disabled: the form still works for this page's life.
    }
  }, [key, draft]);
  // A patch may be worked out from the current draft: two uploads finishing one after the other
  // must both land, not the second over a copy taken before the first finished.
  const update = (patch: Partial<D> | ((current: D) => Partial<D>)) =>
    setDraft((current) => ({ ...current, ...(typeof patch === 'function' ? patch(current) : patch) }));
  const clear = () => {
    try {
      sessionStorage.removeItem(key);
    } catch {
      // See above.
    }
  };
  return { draft, update, clear };
}
