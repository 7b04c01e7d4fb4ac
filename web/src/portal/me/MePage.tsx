import { Button, List, Toast } from 'antd-mobile';
import {
  BankcardOutline,
  EnvironmentOutline,
  FileOutline,
  GiftOutline,
  KeyOutline,
  RightOutline,
  TeamOutline,
  UserContactOutline,
  UserOutline,
} from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Me } from '#shared/api/identity';
import { useSession } from '../../auth/session.tsx';
import { formatList } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/language.ts';
import { LanguageSwitcher } from '../LanguageSwitcher.tsx';
import { maskPhone } from '#shared/identity/masking';
import { roleNames } from '../services/catalogue.tsx';

/** Who is signed in, the language, and signing out. */
export function MePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const roles = formatList(roleNames(me.roles, t), language, t);
  const phone = me.phone ? maskPhone(me.phone) : undefined;

  function signOutNow() {
    signOut();
    Toast.show({ content: t('portal:me.signedOut'), position: 'bottom' });
    navigate('/sign-in', { replace: true });
  }

  return (
    <div className="portal-page portal-page-flush">
      <section className="me-profile" aria-labelledby="me-name">
        <span className="me-avatar" aria-hidden="true">
          <UserOutline />
        </span>
        <div className="me-profile-text">
          <h2 id="me-name" className="me-name">
            <bdi>{me.displayName}</bdi>
          </h2>
          <p className="me-roles">{roles}</p>
        </div>
      </section>

      {me.roles.includes('resident') && (
        <nav className="me-links" aria-label={t('portal:me.residenceLinks')}>
          <ul>
            {[
              { to: '/me/profile', icon: UserContactOutline, label: t('portal:pages.profile') },
              { to: '/me/children', icon: TeamOutline, label: t('portal:pages.children') },
              { to: '/residence', icon: FileOutline, label: t('portal:pages.residence') },
              { to: '/permit', icon: BankcardOutline, label: t('portal:pages.permit') },
              { to: '/tenancies', icon: EnvironmentOutline, label: t('portal:pages.tenancies') },
              { to: '/houses', icon: KeyOutline, label: t('portal:pages.houses') },
              { to: '/entitlements', icon: GiftOutline, label: t('portal:services.entitlements.title') },
            ].map(({ to, icon: Icon, label }) => (
              <li key={to}>
                <Link className="me-link" to={to}>
                  <Icon className="me-link-icon" aria-hidden="true" />
                  <span className="me-link-text">{label}</span>
                  <RightOutline className="me-link-chevron" aria-hidden="true" />
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}

      <List header={t('portal:me.account')} className="me-list">
        {phone && (
          <List.Item
            extra={
              <bdi dir="ltr" data-testid="me-phone">
                {phone}
              </bdi>
            }
          >
            {t('errors:fields.phone')}
          </List.Item>
        )}
        {me.username && (
          <List.Item extra={<bdi dir="ltr">{me.username}</bdi>}>{t('errors:fields.username')}</List.Item>
        )}
        <List.Item extra={roles}>{t('portal:me.roles')}</List.Item>
        {me.station && <List.Item extra={me.station.name}>{t('portal:me.station')}</List.Item>}
        {me.org && <List.Item extra={me.org.name}>{t('portal:me.org')}</List.Item>}
      </List>

      <List header={t('common:language.label')} className="me-list">
        <List.Item>
          <LanguageSwitcher className="language-switcher-block" />
        </List.Item>
      </List>

      <div className="portal-section">
        <Button block size="large" color="danger" fill="outline" onClick={signOutNow}>
          {t('common:action.signOut')}
        </Button>
      </div>
    </div>
  );
}
