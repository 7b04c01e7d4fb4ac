import { lazy, Suspense, type ReactNode } from 'react';
import { Button, ErrorBlock, Skeleton } from 'antd-mobile';
import { LeftOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { messageOf } from '../../api/errors.ts';
import { PageLoading } from '../../app/PageLoading.tsx';
import { useSession } from '../../auth/session.tsx';
import { HomePage } from '../home/HomePage.tsx';
import { MePage } from '../me/MePage.tsx';
import { ServicesPage } from '../services/ServicesPage.tsx';
import { TabBar } from './TabBar.tsx';

// Residence registration and the real-name profile: a chunk of their own, fetched on first use.
const ResidencePages = lazy(() => import('../residence/ResidencePages.tsx'));
// Messages need the residence contracts (and the policy shapes they use), which the home tab does not.
const MessagesPage = lazy(() => import('../messages/MessagesPage.tsx').then((module) => ({ default: module.MessagesPage })));
// The residence permit (居住证): its pages, the card and its QR code, fetched on first use.
const PermitPages = lazy(() => import('../permit/PermitPages.tsx'));
// 我的权益: the policy words and the what-if controls, fetched on first use.
const EntitlementsPage = lazy(() => import('../entitlements/EntitlementsPage.tsx'));
// 我的房屋: a landlord's houses, tenants, confirmations and the door poster, fetched on first use.
const LandlordPages = lazy(() => import('../landlord/LandlordPages.tsx'));
// The tenant's side: the house a poster's QR code opens, and 我的租住.
const TenancyPages = lazy(() => import('../tenancy/TenancyPages.tsx'));
// 批量报送: an organisation's uploads, people and API keys, fetched on first use.
const AgencyPages = lazy(() => import('../agency/AgencyPages.tsx'));

interface PageHeading {
  title: string;
  /** Where the back button leads when there is no page of ours to go back to; tabs have none. */
  parent?: string;
  /** Always go to `parent` (a confirmation page must not lead back into the form it ends). */
  forceParent?: boolean;
}

/** The header's title and back target for a path. */
function headingFor(pathname: string, search: URLSearchParams, t: TFunction): PageHeading {
  const path = pathname.replace(/\/+$/, '') || '/';
  const tabs: Record<string, string> = {
    '/': t('common:app.name'),
    '/services': t('portal:tabs.services'),
    '/messages': t('portal:tabs.messages'),
    '/me': t('portal:tabs.me'),
  };
  if (tabs[path]) return { title: tabs[path] };
  if (path === '/me/profile') return { title: t('portal:pages.profile'), parent: '/me' };
  if (path === '/me/children') return { title: t('portal:pages.children'), parent: '/me' };
  if (path === '/me/children/add') return { title: t('portal:pages.addChild'), parent: '/me/children' };
  if (path === '/residence') return { title: t('portal:pages.residence'), parent: '/services' };
  if (path.startsWith('/permit')) return permitHeading(path, t);
  if (path === '/entitlements') return { title: t('portal:services.entitlements.title'), parent: '/services' };
  if (path.startsWith('/houses')) return housesHeading(path, t);
  if (path === '/agency' || path.startsWith('/agency/')) return agencyHeading(path, t);
  if (path === '/house') return { title: t('portal:pages.houseCode'), parent: '/residence' };
  if (/^\/house\/[^/]+$/.test(path)) return { title: t('portal:pages.houseForTenant'), parent: '/residence' };
  if (path === '/tenancies') return { title: t('portal:pages.tenancies'), parent: '/me' };
  if (/^\/tenancies\/[^/]+$/.test(path)) return { title: t('portal:pages.tenancy'), parent: '/tenancies' };
  if (path === '/residence/declare') {
    const changeOf = search.get('changeOf');
    const house = search.get('house');
    if (house) return { title: t('portal:pages.declare'), parent: `/house/${house}` };
    return changeOf
      ? { title: t('portal:pages.changeAddress'), parent: `/residence/${changeOf}` }
      : { title: t('portal:pages.declare'), parent: '/residence' };
  }
  const declared = /^\/residence\/declared\/([^/]+)$/.exec(path);
  if (declared) return { title: t('portal:pages.declared'), parent: '/residence', forceParent: true };
  const sub = /^\/residence\/([^/]+)\/(correct|certificate)$/.exec(path);
  if (sub?.[2] === 'correct') return { title: t('portal:pages.correct'), parent: `/residence/${sub[1]}` };
  if (sub?.[2] === 'certificate') return { title: t('portal:pages.certificate'), parent: `/residence/${sub[1]}` };
  if (/^\/residence\/[^/]+$/.test(path)) return { title: t('portal:pages.declaration'), parent: '/residence' };
  return { title: t('common:app.name') };
}

/** 我的房屋 and the pages under it: a house's pages under the house, the confirmation pages straight back to it. */
function housesHeading(path: string, t: TFunction): PageHeading {
  if (path === '/houses') return { title: t('portal:pages.houses'), parent: '/services' };
  if (path === '/houses/new') return { title: t('portal:pages.houseRegister'), parent: '/houses' };
  if (path === '/houses/confirmations') return { title: t('portal:pages.confirmations'), parent: '/houses' };
  if (/^\/houses\/registered\/[^/]+$/.test(path)) return { title: t('portal:pages.houseRegistered'), parent: '/houses', forceParent: true };
  const sub = /^\/houses\/([^/]+)\/(edit|report|reported)$/.exec(path);
  if (sub?.[2] === 'edit') return { title: t('portal:pages.houseEdit'), parent: `/houses/${sub[1]}` };
  if (sub?.[2] === 'report') return { title: t('portal:pages.report'), parent: `/houses/${sub[1]}` };
  if (sub?.[2] === 'reported') return { title: t('portal:pages.reported'), parent: `/houses/${sub[1]}`, forceParent: true };
  return { title: t('portal:pages.house'), parent: '/houses' };
}

/** 批量报送 and its pages: a new upload's page leads back to the list, not to the form that made it. */
function agencyHeading(path: string, t: TFunction): PageHeading {
  if (path === '/agency') return { title: t('portal:pages.agency'), parent: '/services' };
  if (path === '/agency/uploads/new') return { title: t('portal:pages.agencyNewUpload'), parent: '/agency' };
  if (path === '/agency/people') return { title: t('portal:pages.agencyPeople'), parent: '/agency' };
  if (path === '/agency/api-keys') return { title: t('portal:pages.agencyApiKeys'), parent: '/agency' };
  return { title: t('portal:pages.agencyUpload'), parent: '/agency', forceParent: true };
}

/** The permit's pages: the card and eligibility under 我的, the rest under the permit page. */
function permitHeading(path: string, t: TFunction): PageHeading {
  const application = /^\/permit\/applications\/([^/]+)(\/correct)?$/.exec(path);
  if (application?.[2]) return { title: t('portal:pages.permitCorrect'), parent: `/permit/applications/${application[1]}` };
  if (application) return { title: t('portal:pages.permitApplication'), parent: '/permit' };
  if (/^\/permit\/applied\/[^/]+$/.test(path)) return { title: t('portal:pages.permitApplied'), parent: '/permit', forceParent: true };
  const pages: Record<string, string> = {
    '/permit/card': t('portal:pages.permitCard'),
    '/permit/apply': t('portal:pages.permitApply'),
    '/permit/renew': t('portal:pages.permitRenew'),
    '/permit/leave': t('portal:pages.permitLeave'),
    '/permit/replace': t('portal:pages.permitReplace'),
  };
  if (pages[path]) return { title: pages[path], parent: '/permit' };
  return { title: t('portal:pages.permit'), parent: '/me' };
}

const lazyPage = (page: ReactNode) => <Suspense fallback={<PageLoading />}>{page}</Suspense>;

/** The four tabs, once the user is known (`GET /api/me`), and the pages under them. */
export default function SignedInPortal() {
  const { t } = useTranslation();
  const { me, reloadMe } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const heading = headingFor(location.pathname, new URLSearchParams(location.search), t);

  function back() {
    // Back through our own history where there is some (a message, then its declaration); to the
    // parent page when the page was opened directly (a shared link, a reload on a new tab).
    const index = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (!heading.forceParent && index > 0) navigate(-1);
    else navigate(heading.parent!, { replace: true });
  }

  let content;
  if (me.status === 'ready') {
    content = (
      <Routes>
        <Route index element={<HomePage me={me.me} />} />
        <Route path="services" element={<ServicesPage me={me.me} />} />
        <Route path="messages" element={lazyPage(<MessagesPage />)} />
        <Route path="me" element={<MePage me={me.me} />} />
        <Route path="me/profile" element={lazyPage(<ResidencePages area="profile" />)} />
        <Route path="me/children/*" element={lazyPage(<ResidencePages area="children" />)} />
        <Route path="residence/*" element={lazyPage(<ResidencePages area="residence" />)} />
        <Route path="permit/*" element={lazyPage(<PermitPages />)} />
        <Route path="entitlements" element={lazyPage(<EntitlementsPage />)} />
        <Route path="houses/*" element={lazyPage(<LandlordPages />)} />
        <Route path="house/*" element={lazyPage(<TenancyPages area="house" />)} />
        <Route path="tenancies/*" element={lazyPage(<TenancyPages area="tenancies" />)} />
        <Route path="agency/*" element={lazyPage(<AgencyPages />)} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    );
  } else if (me.status === 'failed') {
    content = (
      <ErrorBlock status="default" title={t('common:error.loadFailed')} description={messageOf(me.error, t)}>
        <Button color="primary" onClick={reloadMe}>
          {t('common:action.retry')}
        </Button>
      </ErrorBlock>
    );
  } else {
    content = (
      <div className="portal-section" role="status" aria-label={t('common:state.loading')}>
        <Skeleton.Title animated />
        <Skeleton.Paragraph lineCount={5} animated />
      </div>
    );
  }

  return (
    <div className="portal-shell">
      {/* Not antd-mobile's NavBar: without a back button it still renders an empty role="button". */}
      <header className={heading.parent ? 'portal-header portal-header-sub' : 'portal-header'}>
        {heading.parent && (
          <button type="button" className="portal-back" onClick={back}>
            <LeftOutline className="portal-back-icon" aria-hidden="true" />
            <span className="visually-hidden">{t('portal:back')}</span>
          </button>
        )}
        <h1 id="portal-page-title" className="portal-header-title">
          {heading.title}
        </h1>
      </header>
      <main className="portal-content">{content}</main>
      <TabBar />
    </div>
  );
}
