import { lazy, Suspense, useState } from 'react';
import { Button, Layout, Menu, Result, Spin, Typography } from 'antd';
import { DashboardOutlined, LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { Me } from '#shared/api/identity';
import { messageOf } from '../../api/errors.ts';
import { useSession } from '../../auth/session.tsx';
import { OfficeLanguageSelect } from '../OfficeLanguageSelect.tsx';
import { WorkbenchPage } from '../workbench/WorkbenchPage.tsx';
import { areasFor, hasOfficeRole, type OfficeArea } from './areas.tsx';

// Each area with screens is a lazy chunk of its own, fetched when the officer first opens it.
const ReviewRoutes = lazy(() => import('../review/ReviewRoutes.tsx'));
const PermitRoutes = lazy(() => import('../permit/PermitRoutes.tsx'));
const HouseRoutes = lazy(() => import('../houses/HouseRoutes.tsx'));
const OrganisationRoutes = lazy(() => import('../organisations/OrganisationRoutes.tsx'));

/** Side menu, header with the station (or organisation) and the workbench, once the user is known. */
export function OfficeShell() {
  const { t } = useTranslation();
  const { me, reloadMe } = useSession();

  if (me.status === 'failed') {
    return (
      <Result
        status="error"
        title={t('common:error.loadFailed')}
        subTitle={messageOf(me.error, t)}
        extra={
          <Button type="primary" onClick={reloadMe}>
            {t('common:action.retry')}
          </Button>
        }
      />
    );
  }
  if (me.status !== 'ready') {
    return (
      <div className="office-center" role="status">
        <Spin size="large" description={t('common:state.loading')} />
      </div>
    );
  }
  if (!hasOfficeRole(me.me.roles)) return <NotForResidents />;
  return <OfficeLayout me={me.me} areas={areasFor(me.me.roles, t)} />;
}

function OfficeLayout({ me, areas }: { me: Me; areas: OfficeArea[] }) {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [described, setDescribed] = useState('workbench');

  const place = me.station?.name ?? me.org?.name ?? t('office:header.administration');
  const current = areas.find((area) => area.path && location.pathname.startsWith(area.path));
  const selected = current?.key ?? described;

  // An area with screens opens them; the others are described on the workbench, so choosing one
  // there brings its description into view.
  function show(key: string) {
    const area = areas.find((candidate) => candidate.key === key);
    if (area?.path) {
      navigate(area.path);
      return;
    }
    setDescribed(key);
    if (location.pathname !== '/office') navigate('/office');
    if (key === 'workbench') {
      window.scrollTo({ top: 0, behavior: 'smooth' });
      return;
    }
    // After the workbench has rendered, when coming from another screen.
    requestAnimationFrame(() => {
      const card = document.getElementById(`area-${key}`);
      card?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      card?.focus({ preventScroll: true });
    });
  }

  function signOutNow() {
    signOut();
    navigate('/office/sign-in', { replace: true });
  }

  const loading = (
    <div className="office-center" role="status">
      <Spin size="large" description={t('common:state.loading')} />
    </div>
  );

  return (
    <Layout className="office-layout">
      <Layout.Sider width={256} theme="light" className="office-sider">
        <div className="office-brand">{t('common:app.name')}</div>
        <nav aria-label={t('office:menu.label')}>
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            onClick={({ key }) => show(key)}
            items={[
              { key: 'workbench', icon: <DashboardOutlined />, label: t('office:menu.workbench') },
              ...areas.map((area) => ({ key: area.key, icon: area.icon, label: area.title })),
            ]}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="office-header">
          <Typography.Text strong className="office-header-place" data-testid="office-place">
            {place}
          </Typography.Text>
          <div className="office-header-tools">
            <OfficeLanguageSelect />
            <Typography.Text className="office-header-user">
              <bdi>{me.displayName}</bdi>
            </Typography.Text>
            <Button icon={<LogoutOutlined aria-hidden />} onClick={signOutNow}>
              {t('common:action.signOut')}
            </Button>
          </div>
        </Layout.Header>
        <Layout.Content className="office-content">
          <Routes>
            <Route index element={<WorkbenchPage me={me} areas={areas} />} />
            {me.station && me.roles.includes('officer') && (
              <>
                <Route
                  path="residence/*"
                  element={
                    // The review's translations load on first visit; the shell stays in place meanwhile.
                    <Suspense fallback={loading}>
                      <ReviewRoutes station={me.station} />
                    </Suspense>
                  }
                />
                <Route
                  path="permits/*"
                  element={
                    <Suspense fallback={loading}>
                      <PermitRoutes station={me.station} />
                    </Suspense>
                  }
                />
                <Route
                  path="houses/*"
                  element={
                    <Suspense fallback={loading}>
                      <HouseRoutes station={me.station} />
                    </Suspense>
                  }
                />
              </>
            )}
            {me.roles.includes('admin') && (
              <Route
                path="organisations/*"
                element={
                  <Suspense fallback={loading}>
                    <OrganisationRoutes />
                  </Suspense>
                }
              />
            )}
            <Route path="*" element={<Navigate to="/office" replace />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** A resident's token opened /office: say plainly where they belong instead of an empty shell. */
function NotForResidents() {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const navigate = useNavigate();
  return (
    <main className="office-center">
      <Result
        status="403"
        title={t('office:forbidden.title')}
        subTitle={t('office:forbidden.description')}
        extra={[
          <Button key="portal" type="primary" href="/">
            {t('office:forbidden.toPortal')}
          </Button>,
          <Button
            key="signOut"
            onClick={() => {
              signOut();
              navigate('/office/sign-in', { replace: true });
            }}
          >
            {t('office:forbidden.switchAccount')}
          </Button>,
        ]}
      />
    </main>
  );
}
