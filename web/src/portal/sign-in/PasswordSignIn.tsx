import { useTranslation } from 'react-i18next';
import { usePasswordSignIn } from '../../auth/usePasswordSignIn.ts';
import { TextField } from '../TextField.tsx';
import { SignInForm } from './SignInForm.tsx';

/** For agency and employer staff, whose accounts have a username rather than a personal phone. */
export function PasswordSignIn() {
  const { t } = useTranslation();
  const { username, setUsername, password, setPassword, errors, signingIn, submit } = usePasswordSignIn('/');

  return (
    <SignInForm title={t('auth:password.title')} onSubmit={() => void submit()} submitting={signingIn} formError={errors.form}>
      <TextField
        id="username"
        label={t('errors:fields.username')}
        autoComplete="username"
        value={username}
        onChange={setUsername}
        error={errors.username}
      />
      <TextField
        id="password"
        label={t('errors:fields.password')}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        error={errors.password}
      />
    </SignInForm>
  );
}
