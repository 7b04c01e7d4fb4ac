import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DeclarationInput } from '#shared/api/residence';
import { INTENDED_STAYS, RESIDENCE_REASONS, type IntendedStay, type ResidenceReason } from '#shared/residence/vocabulary';
import { checkField } from '../../../i18n/issues.ts';
import { TextField } from '../../TextField.tsx';
import { codeOptions } from '../../profile/ProfilePage.tsx';
import { RadioCards } from '../fields.tsx';

/** How long the person means to stay and why: what only they can say about a residence. */
export interface Stay {
  intendedStay?: IntendedStay | undefined;
  reason?: ResidenceReason | undefined;
  reasonDetail?: string | undefined;
}
export type StayField = keyof Stay;

/** The checks on a stay: a choice each, and the reason in words when it is "other". */
export function stayErrors(stay: Stay, t: TFunction): Record<StayField, string | undefined> {
  return {
    intendedStay: stay.intendedStay ? undefined : t('residence:declare.choiceRequired'),
    reason: stay.reason ? undefined : t('residence:declare.choiceRequired'),
    reasonDetail:
      stay.reason === 'other' && !stay.reasonDetail?.trim()
        ? t('residence:declare.reasonDetailRequired')
        : checkField(t, DeclarationInput.shape.reasonDetail, 'reasonDetail', stay.reasonDetail?.trim() || undefined),
  };
}

interface StayFieldsProps {
  /** Prefix of the fields' names and ids: `declare` gives declare-intendedStay, declare-reason, #declare-reasonDetail. */
  idPrefix: string;
  stay: Stay;
  onChange: (patch: Stay) => void;
  errors: Partial<Record<StayField, string | undefined>>;
}

/** The intended stay and the reason as large choices, and the reason in words when it is "other". */
export function StayFields({ idPrefix, stay, onChange, errors }: StayFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <section className="rs-card">
        <RadioCards
          name={`${idPrefix}-intendedStay`}
          legend={t('residence:declare.intendedStay')}
          options={codeOptions(t, 'intendedStays', INTENDED_STAYS)}
          value={stay.intendedStay}
          onChange={(value) => onChange({ intendedStay: value as IntendedStay })}
          error={errors.intendedStay}
        />
      </section>
      <section className="rs-card">
        <RadioCards
          name={`${idPrefix}-reason`}
          legend={t('residence:declare.reason')}
          options={codeOptions(t, 'reasons', RESIDENCE_REASONS)}
          value={stay.reason}
          onChange={(value) => onChange({ reason: value as ResidenceReason })}
          error={errors.reason}
        />
        {stay.reason === 'other' && (
          <TextField
            id={`${idPrefix}-reasonDetail`}
            label={t('residence:declare.reasonDetail')}
            value={stay.reasonDetail ?? ''}
            onChange={(reasonDetail) => onChange({ reasonDetail })}
            error={errors.reasonDetail}
            maxLength={80}
          />
        )}
      </section>
    </>
  );
}
