import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { isRtl } from '#shared/i18n/languages';
import { SessionRoutes } from '../auth/SessionRoutes.tsx';
import { useLanguage } from '../i18n/language.ts';
import { OfficeShell } from './shell/OfficeShell.tsx';
import { OfficeSignInPage } from './sign-in/OfficeSignInPage.tsx';
import './office.css';

/** The desktop back office for officers, agency staff and administrators (antd). */
export default function OfficeApp() {
  // Suspends until the office's translations are in, so no screen flashes raw keys.
  useTranslation(['office']);
  const { language } = useLanguage();
  return (
    <ConfigProvider
      direction={isRtl(language) ? 'rtl' : 'ltr'}
      // antd ships no Uyghur; its few own strings fall back to Chinese, the office's working language.
      locale={language === 'en' ? enUS : zhCN}
      theme={{ token: { fontFamily: 'var(--app-font)', borderRadius: 6 } }}
    >
      <AntApp>
        <SessionRoutes home="/office" signIn={<OfficeSignInPage />}>
          <OfficeShell />
        </SessionRoutes>
      </AntApp>
    </ConfigProvider>
  );
}
