import { lazy, Suspense } from 'react';
import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { PageLoading } from '../app/PageLoading.tsx';
import { SessionRoutes } from '../auth/SessionRoutes.tsx';
import { useLanguage } from '../i18n/language.ts';
import { SignInPage } from './sign-in/SignInPage.tsx';
import './portal.css';

// The signed-in tabs are a chunk of their own, so the sign-in page (the first thing a new phone
// opens) downloads only what it shows.
const SignedInPortal = lazy(() => import('./signed-in/SignedInPortal.tsx'));
// The guide carries the province and city list and the policy texts, which nobody else needs.
const GuidePage = lazy(() => import('./guide/GuidePage.tsx'));
// Checking a shown residence permit: public, for anyone, with the camera scanner loaded only on demand.
const VerifyPage = lazy(() => import('../verify/VerifyPage.tsx'));

/** The mobile portal for migrants, landlords and agencies (antd-mobile). */
export default function PortalApp() {
  // Suspends until the portal's translations are in, so no screen flashes raw keys.
  useTranslation(['portal']);
  const { language } = useLanguage();
  return (
    // antd-mobile ships no Uyghur; its few own strings (clear buttons, loading) fall back to English.
    <ConfigProvider locale={language === 'zh-CN' ? zhCN : enUS}>
      <Routes>
        {/* The rules are public: a visitor reads them before, or without, having an account. */}
        <Route
          path="guide/:division?"
          element={
            <Suspense fallback={<PageLoading />}>
              <GuidePage />
            </Suspense>
          }
        />
        <Route
          path="verify"
          element={
            <Suspense fallback={<PageLoading />}>
              <VerifyPage />
            </Suspense>
          }
        />
        <Route
          path="*"
          element={
            <SessionRoutes home="/" signIn={<SignInPage />}>
              <SignedInPortal />
            </SessionRoutes>
          }
        />
      </Routes>
    </ConfigProvider>
  );
}
