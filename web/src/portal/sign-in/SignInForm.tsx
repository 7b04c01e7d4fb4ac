import type { FormEvent, ReactNode } from 'react';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

interface SignInFormProps {
  title: string;
  onSubmit: () => void;
  submitting: boolean;
  /** A message that belongs to no single field (wrong credentials, network down). */
  formError?: string | undefined;
  /** Shown under the submit button. */
  note?: ReactNode;
  children: ReactNode;
}

/** The card both phone sign-in and password sign-in use; the browser's own validation is off because ours names the field. */
export function SignInForm({ title, onSubmit, submitting, formError, note, children }: SignInFormProps) {
  const { t } = useTranslation();
  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }
  return (
    <form className="signin-form" noValidate onSubmit={submit} aria-labelledby="signin-form-title">
      <h2 id="signin-form-title" className="signin-form-title">
        {title}
      </h2>
      {children}
      {formError && (
        <div className="form-alert" role="alert">
          {formError}
        </div>
      )}
      <Button type="submit" color="primary" size="large" block loading={submitting} loadingText={t('auth:signIn.signingIn')}>
        {t('auth:signIn.submit')}
      </Button>
      {note}
    </form>
  );
}
