import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LocationOutline } from 'antd-mobile-icons';
import { LanguageSwitcher } from '../LanguageSwitcher.tsx';
import { PasswordSignIn } from './PasswordSignIn.tsx';
import { PhoneSignIn } from './PhoneSignIn.tsx';

/** Phone and one-time code for everyone; username and password for agency staff on a phone. */
export function SignInPage() {
  const { t } = useTranslation();
  const [method, setMethod] = useState<'phone' | 'password'>('phone');

  return (
    <div className="signin">
      <header className="signin-top">
        <LanguageSwitcher />
      </header>
      <main className="signin-main">
        <div className="signin-hero">
          <span className="signin-emblem" aria-hidden="true">
            <LocationOutline />
          </span>
          <h1 className="signin-title">{t('common:app.name')}</h1>
          <p className="signin-tagline">{t('auth:signIn.tagline')}</p>
        </div>
        {method === 'phone' ? <PhoneSignIn /> : <PasswordSignIn />}
        <button
          type="button"
          className="signin-switch"
          onClick={() => setMethod(method === 'phone' ? 'password' : 'phone')}
        >
          {method === 'phone' ? t('auth:signIn.usePassword') : t('auth:signIn.usePhone')}
        </button>
      </main>
    </div>
  );
}
