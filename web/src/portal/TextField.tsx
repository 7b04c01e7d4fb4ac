import type { HTMLAttributes, ReactNode, Ref } from 'react';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown under the field and announced; marks the field invalid. */
  error?: string | undefined;
  /** Shown under the field when there is no error (e.g. "code sent"). */
  hint?: string | undefined;
  type?: 'text' | 'tel' | 'password';
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  autoComplete?: string;
  maxLength?: number;
  placeholder?: string;
  /** A control beside the input, such as the "get code" button. */
  trailing?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * A labelled input with its message tied to it (aria-describedby, aria-invalid). Native rather than
 * antd-mobile's Input, which does not pass aria attributes through to the input element.
 */
export function TextField(props: TextFieldProps) {
  const message = props.error ?? props.hint;
  const messageId = message ? `${props.id}-message` : undefined;
  return (
    <div className={props.error ? 'field field-invalid' : 'field'}>
      <label className="field-label" htmlFor={props.id}>
        {props.label}
      </label>
      <div className="field-control">
        <input
          ref={props.inputRef}
          id={props.id}
          name={props.id}
          className="field-input"
          type={props.type ?? 'text'}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete}
          maxLength={props.maxLength}
          placeholder={props.placeholder}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={messageId}
        />
        {props.trailing}
      </div>
      {message && (
        <p id={messageId} className={props.error ? 'field-error' : 'field-hint'} role={props.error ? 'alert' : 'status'}>
          {message}
        </p>
      )}
    </div>
  );
}
