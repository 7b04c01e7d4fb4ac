import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CompassOutline, LocationOutline, RightOutline } from 'antd-mobile-icons';
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
        {/* The rules are public: someone deciding whether to move here needs no account to read them. */}
        <p className="signin-guide">
          <span className="signin-guide-hint">{t('portal:guideLink.hint')}</span>
          <Link className="signin-guide-link" to="/guide">
            <CompassOutline aria-hidden="true" />
            {t('portal:guideLink.label')}
            <RightOutline className="signin-guide-chevron" aria-hidden="true" />
          </Link>
        </p>
      </main>
    </div>
  );
}
