import { useState } from 'react';
import { Button, Layout, Menu, Result, Spin, Typography } from 'antd';
import { DashboardOutlined, LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useNavigate } from 'react-router';
import type { Me } from '#shared/api/identity';
import { messageOf } from '../../api/errors.ts';
import { useSession } from '../../auth/session.tsx';
import { OfficeLanguageSelect } from '../OfficeLanguageSelect.tsx';
import { WorkbenchPage } from '../workbench/WorkbenchPage.tsx';
import { areasFor, hasOfficeRole, type OfficeArea } from './areas.tsx';

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
  const [selected, setSelected] = useState('workbench');

  const place = me.station?.name ?? me.org?.name ?? t('office:header.administration');

  // The areas are described on the workbench, not on pages of their own (they are not built
  // yet), so choosing one in the menu brings its description into view.
  function show(key: string) {
    setSelected(key);
    if (key === 'workbench') {
      window.scrollTo({ top: 0, behavior: 'smooth' });
      return;
    }
    const card = document.getElementById(`area-${key}`);
    card?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    card?.focus({ preventScroll: true });
  }

  function signOutNow() {
    signOut();
    navigate('/office/sign-in', { replace: true });
  }

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
            <Button icon={<LogoutOutlined />} onClick={signOutNow}>
              {t('common:action.signOut')}
            </Button>
          </div>
        </Layout.Header>
        <Layout.Content className="office-content">
          <Routes>
            <Route index element={<WorkbenchPage me={me} areas={areas} />} />
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
