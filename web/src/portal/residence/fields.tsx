import { useState, type ReactNode, type Ref } from 'react';
import { DatePicker, Picker } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { isoFromPicker, pickerDate } from './words.ts';

export interface Option {
  value: string;
  label: string;
}

interface FieldFrameProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
}

/** Label, control and message, tied together as TextField ties them. */
function FieldFrame({ id, label, error, hint, children }: FieldFrameProps) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <span className="field-label" id={`${id}-label`}>
        {label}
      </span>
      {children}
      {error ? (
        <p id={`${id}-message`} className="field-error" role="alert">
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${id}-message`} className="rs-field-note">
            {hint}
          </p>
        )
      )}
    </div>
  );
}

interface ChooserProps {
  id: string;
  label: string;
  /** The chosen value in words; the placeholder shows until there is one. */
  text: string | undefined;
  placeholder: string;
  onOpen: () => void;
  error?: string | undefined;
  hint?: ReactNode;
  /** The chosen text is Chinese whatever the page language (place names). */
  chineseValue?: boolean;
  buttonRef?: Ref<HTMLButtonElement>;
}

/** A field whose value is chosen in a sheet: a full-width button that names the field and its value. */
export function ChooserField({ id, label, text, placeholder, onOpen, error, hint, chineseValue, buttonRef }: ChooserProps) {
  const described = error || hint ? `${id}-message` : undefined;
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <button
        ref={buttonRef}
        type="button"
        id={id}
        className="field-control rs-chooser"
        aria-haspopup="dialog"
        aria-labelledby={`${id}-label ${id}`}
        aria-describedby={described}
        aria-invalid={error ? true : undefined}
        onClick={onOpen}
      >
        <span className={text ? 'rs-chooser-value' : 'rs-chooser-placeholder'} lang={text && chineseValue ? 'zh-CN' : undefined}>
          {text ?? placeholder}
        </span>
        <RightOutline className="rs-chevron" aria-hidden="true" />
      </button>
    </FieldFrame>
  );
}

interface PickerFieldProps {
  id: string;
  label: string;
  options: readonly Option[];
  value: string | undefined;
  onChange: (value: string) => void;
  error?: string | undefined;
}

/** One choice from a long list (ethnic group, education), on antd-mobile's wheel. */
export function PickerField({ id, label, options, value, onChange, error }: PickerFieldProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const chosen = options.find((option) => option.value === value);
  return (
    <>
      <ChooserField
        id={id}
        label={label}
        text={chosen?.label}
        placeholder={t('residence:form.choose')}
        onOpen={() => setOpen(true)}
        error={error}
      />
      <Picker
        visible={open}
        title={label}
        columns={[options.map((option) => ({ value: option.value, label: option.label }))]}
        value={value ? [value] : [options[0]?.value ?? null]}
        onClose={() => setOpen(false)}
        onConfirm={(next) => {
          const picked = next[0];
          if (typeof picked === 'string') onChange(picked);
        }}
        confirmText={t('residence:form.confirm')}
        cancelText={t('residence:form.cancel')}
      />
    </>
  );
}

interface DateFieldProps {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
  min?: string;
  max?: string;
  error?: string | undefined;
  hint?: ReactNode;
  format: (iso: string) => string;
}

/** A calendar date on antd-mobile's date wheel, bounded (a move-in date cannot be in the future). */
export function DateField({ id, label, value, onChange, min, max, error, hint, format }: DateFieldProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <ChooserField
        id={id}
        label={label}
        text={value ? format(value) : undefined}
        placeholder={t('residence:form.chooseDate')}
        onOpen={() => setOpen(true)}
        error={error}
        hint={hint}
      />
      <DatePicker
        visible={open}
        title={label}
        precision="day"
        min={min ? pickerDate(min) : new Date(1900, 0, 1)}
        max={max ? pickerDate(max) : undefined}
        value={value ? pickerDate(value) : max ? pickerDate(max) : undefined}
        onClose={() => setOpen(false)}
        onConfirm={(date) => onChange(isoFromPicker(date))}
        confirmText={t('residence:form.confirm')}
        cancelText={t('residence:form.cancel')}
      />
    </>
  );
}

interface RadioCardsProps {
  name: string;
  legend: string;
  options: readonly Option[];
  value: string | undefined;
  onChange: (value: string) => void;
  error?: string | undefined;
}

/** A short list of choices (up to five or so) laid out as large native radio buttons. */
export function RadioCards({ name, legend, options, value, onChange, error }: RadioCardsProps) {
  const messageId = error ? `${name}-message` : undefined;
  return (
    <fieldset
      className={error ? 'rs-radios field-invalid' : 'rs-radios'}
      aria-describedby={messageId}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field-label">{legend}</legend>
      <div className="rs-radios-options">
        {options.map((option) => (
          <label key={option.value} className={option.value === value ? 'rs-radio rs-radio-checked' : 'rs-radio'}>
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {error && (
        <p id={messageId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

interface CheckboxCardsProps<Key extends string> {
  legend: string;
  options: readonly { value: Key; label: string }[];
  value: Record<Key, boolean>;
  onChange: (value: Record<Key, boolean>) => void;
  hint?: string;
}

/** A few yes/no statements (a house's safety items) as large native checkboxes under one legend. */
export function CheckboxCards<Key extends string>({ legend, options, value, onChange, hint }: CheckboxCardsProps<Key>) {
  return (
    <fieldset className="rs-radios">
      <legend className="field-label">{legend}</legend>
      {hint && <p className="rs-field-note rs-checkbox-hint">{hint}</p>}
      <div className="rs-radios-options">
        {options.map((option) => (
          <label key={option.value} className={value[option.value] ? 'rs-radio rs-radio-checked' : 'rs-radio'}>
            <input type="checkbox" checked={value[option.value]} onChange={(event) => onChange({ ...value, [option.value]: event.target.checked })} />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A value shown but not asked for (derived from the ID number, or the signed-in phone). */
export function ReadOnlyField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="field rs-readonly">
      <span className="field-label">{label}</span>
      <div className="rs-readonly-value">{children}</div>
    </div>
  );
}
