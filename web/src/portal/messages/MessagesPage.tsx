import { useCallback } from 'react';
import { Button, ErrorBlock, Skeleton } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatShanghai } from '#shared/policy/civil-time';
import { listMessages, type Message } from '#shared/api/residence';
import { messageOf } from '../../api/errors.ts';
import { useServices } from '../../app/services.ts';
import { LoadMore, usePagedList } from '../paged-list.tsx';
import { messageLink } from './links.ts';

/** Notices from the police station and between landlord and tenant, newest first, each opening its page. */
export function MessagesPage() {
  const { t } = useTranslation();
  const { call } = useServices();
  const first = useCallback((signal: AbortSignal) => call(listMessages, { query: {}, signal }), [call]);
  const next = useCallback((cursor: string) => call(listMessages, { query: { cursor } }), [call]);
  const { state, loadMore, retry } = usePagedList<Message>(first, next);

  if (state.status === 'loading') {
    return (
      <div className="portal-section" role="status" aria-label={t('common:state.loading')}>
        <Skeleton.Paragraph lineCount={6} animated />
      </div>
    );
  }
  if (state.status === 'failed') {
    return (
      <ErrorBlock status="default" title={t('common:error.loadFailed')} description={messageOf(state.error, t)}>
        <Button color="primary" onClick={retry}>
          {t('common:action.retry')}
        </Button>
      </ErrorBlock>
    );
  }
  if (state.items.length === 0) {
    return (
      <div className="portal-page">
        <ErrorBlock
          status="empty"
          className="messages-empty"
          title={t('portal:messages.emptyTitle')}
          description={t('portal:messages.emptyDescription')}
        />
      </div>
    );
  }
  return (
    <div className="portal-page">
      <ul className="messages-list" aria-label={t('portal:messages.listLabel')}>
        {state.items.map((message) => {
          const body = (
            <>
              <span className="message-head">
                <span className="message-title">{message.title}</span>
                {/* The date as the station keeps it (Asia/Shanghai), digits left to right. */}
                <time className="message-time" dateTime={message.at} dir="ltr">
                  {formatShanghai(new Date(message.at))}
                </time>
              </span>
              <span className="message-body">{message.body}</span>
            </>
          );
          const link = messageLink(message);
          return (
            <li key={message.id}>
              {link ? (
                <Link className="message-card message-card-link" to={link}>
                  {body}
                  <RightOutline className="message-chevron" aria-hidden="true" />
                </Link>
              ) : (
                <div className="message-card">{body}</div>
              )}
            </li>
          );
        })}
      </ul>
      <LoadMore state={state} onMore={loadMore} label={t('portal:messages.more')} className="portal-section" />
    </div>
  );
}
