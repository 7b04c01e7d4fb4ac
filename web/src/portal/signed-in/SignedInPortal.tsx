import { Button, ErrorBlock, Skeleton } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { messageOf } from '../../api/errors.ts';
import { useSession } from '../../auth/session.tsx';
import { HomePage } from '../home/HomePage.tsx';
import { MePage } from '../me/MePage.tsx';
import { MessagesPage } from '../messages/MessagesPage.tsx';
import { ServicesPage } from '../services/ServicesPage.tsx';
import { TabBar } from './TabBar.tsx';

/** The four tabs, once the user is known (`GET /api/me`). */
export default function SignedInPortal() {
  const { t } = useTranslation();
  const { me, reloadMe } = useSession();
  const { pathname } = useLocation();

  const titles: Record<string, string> = {
    '/': t('common:app.name'),
    '/services': t('portal:tabs.services'),
    '/messages': t('portal:tabs.messages'),
    '/me': t('portal:tabs.me'),
  };

  let content;
  if (me.status === 'ready') {
    content = (
      <Routes>
        <Route index element={<HomePage me={me.me} />} />
        <Route path="services" element={<ServicesPage me={me.me} />} />
        <Route path="messages" element={<MessagesPage />} />
        <Route path="me" element={<MePage me={me.me} />} />
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
      <header className="portal-header">
        <h1 className="portal-header-title">{titles[pathname] ?? t('common:app.name')}</h1>
      </header>
      <main className="portal-content">{content}</main>
      <TabBar />
    </div>
  );
}
