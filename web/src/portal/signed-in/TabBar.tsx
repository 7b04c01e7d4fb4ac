import { AppOutline, AppstoreOutline, MessageOutline, UserOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/**
 * The bottom tab bar, drawn like antd-mobile's TabBar but made of links: antd-mobile's items are
 * plain divs, which a keyboard cannot reach and a screen reader does not announce as navigation.
 */
export function TabBar() {
  const { t } = useTranslation();
  const tabs = [
    { to: '/', icon: <AppOutline />, title: t('portal:tabs.home') },
    { to: '/services', icon: <AppstoreOutline />, title: t('portal:tabs.services') },
    { to: '/messages', icon: <MessageOutline />, title: t('portal:tabs.messages') },
    { to: '/me', icon: <UserOutline />, title: t('portal:tabs.me') },
  ];
  return (
    <nav className="portal-tabbar" aria-label={t('portal:tabs.label')}>
      {tabs.map((tab) => (
        <NavLink
          key={tab.to}
          to={tab.to}
          end
          className={({ isActive }) => (isActive ? 'portal-tab portal-tab-active' : 'portal-tab')}
        >
          <span className="portal-tab-icon" aria-hidden="true">
            {tab.icon}
          </span>
          <span className="portal-tab-title">{tab.title}</span>
        </NavLink>
      ))}
    </nav>
  );
}
