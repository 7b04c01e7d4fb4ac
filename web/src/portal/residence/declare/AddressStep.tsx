import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AddressDetail, StreetCode } from '#shared/api/residence';
import { checkField } from '../../../i18n/issues.ts';
import { TextField } from '../../TextField.tsx';
import { DivisionPicker, placeText } from '../DivisionPicker.tsx';
import { ChooserField, ReadOnlyField } from '../fields.tsx';
import { AddressText } from '../parts.tsx';
import { StepActions, StepForm } from './steps.tsx';

/** A street (picked province → city → county → street) and what the user types after it. */
export interface StreetAddress {
  division: string;
  path: string[];
  detail: string;
}

/** Whether an address is complete enough to go on from its step. */
export const streetAddressDone = (address: StreetAddress | undefined) =>
  Boolean(address && StreetCode.safeParse(address.division).success && AddressDetail.safeParse(address.detail).success);

interface AddressStepProps {
  /** Prefix of the fields' ids: `declare` gives #declare-division and #declare-detail. */
  idPrefix: string;
  address: StreetAddress | undefined;
  onChange: (address: StreetAddress) => void;
  labels: { street: string; streetRequired: string; detail: string; detailPlaceholder: string };
  /** The street is shown, not chosen (a house's street cannot change). */
  streetLocked?: boolean;
  /** Above the fields: the step's lead and whatever else it offers. */
  children?: ReactNode;
  onNext: () => void;
}

/** The address step of a form: the street from the division picker, then the detail; checked before going on. */
export function AddressStep({ idPrefix, address, onChange, labels, streetLocked, children, onNext }: AddressStepProps) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const [errors, setErrors] = useState<{ division?: string | undefined; detail?: string | undefined }>({});
  const button = useRef<HTMLButtonElement>(null);

  function next() {
    const found = {
      division: address?.division ? checkField(t, StreetCode, 'address.division', address.division) : labels.streetRequired,
      detail: checkField(t, AddressDetail, 'address.detail', address?.detail ?? ''),
    };
    setErrors(found);
    if (found.division) button.current?.focus();
    else if (found.detail) document.getElementById(`${idPrefix}-detail`)?.focus();
    else onNext();
  }

  return (
    <StepForm onSubmit={next}>
      {children}
      <section className="rs-card">
        {streetLocked ? (
          <ReadOnlyField label={labels.street}>
            <AddressText path={address?.path ?? []} detail="" />
          </ReadOnlyField>
        ) : (
          <ChooserField
            id={`${idPrefix}-division`}
            buttonRef={button}
            label={labels.street}
            text={address?.division ? placeText(address.path) : undefined}
            placeholder={t('residence:picker.choose')}
            onOpen={() => setPicking(true)}
            error={errors.division}
            chineseValue
          />
        )}
        <TextField
          id={`${idPrefix}-detail`}
          label={labels.detail}
          value={address?.detail ?? ''}
          onChange={(detail) => onChange({ division: address?.division ?? '', path: address?.path ?? [], detail })}
          error={errors.detail}
          maxLength={120}
          placeholder={labels.detailPlaceholder}
        />
      </section>
      <StepActions onNext={next} />
      {!streetLocked && (
        <DivisionPicker
          visible={picking}
          level="street"
          title={labels.street}
          current={address?.division ? { code: address.division, path: address.path } : undefined}
          onChoose={(chosen) => {
            onChange({ division: chosen.code, path: chosen.path, detail: address?.detail ?? '' });
            setErrors((previous) => ({ ...previous, division: undefined }));
            setPicking(false);
          }}
          onClose={() => setPicking(false)}
          returnFocus={button}
        />
      )}
    </StepForm>
  );
}
