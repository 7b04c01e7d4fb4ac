import { lazy, Suspense, useEffect } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { SessionProvider } from '../auth/session.tsx';
import { PageLoading } from './PageLoading.tsx';
import { ServicesContext, type AppServices } from './services.ts';

// Two separate chunks: a phone loads the portal (antd-mobile) and never the office (antd), and an
// office desktop does the reverse.
const PortalApp = lazy(() => import('../portal/PortalApp.tsx'));
const OfficeApp = lazy(() => import('../office/OfficeApp.tsx'));

function DocumentTitle() {
  const { t } = useTranslation();
  const title = t('common:app.name');
  useEffect(() => {
    document.title = title;
  }, [title]);
  return null;
}

export function App({ i18n, services }: { i18n: I18n; services: AppServices }) {
  return (
    <I18nextProvider i18n={i18n}>
      <ServicesContext.Provider value={services}>
        <SessionProvider>
          <DocumentTitle />
          <BrowserRouter>
            <Suspense fallback={<PageLoading />}>
              <Routes>
                <Route path="/office/*" element={<OfficeApp />} />
                <Route path="/*" element={<PortalApp />} />
              </Routes>
            </Suspense>
          </BrowserRouter>
        </SessionProvider>
      </ServicesContext.Provider>
    </I18nextProvider>
  );
}
