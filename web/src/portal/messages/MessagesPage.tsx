import { useCallback, useEffect, useState } from 'react';
import { Button, ErrorBlock, Skeleton } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatShanghai } from '#shared/policy/civil-time';
import { listMessages, type Message } from '#shared/api/residence';
import { messageOf } from '../../api/errors.ts';
import { useServices } from '../../app/services.ts';

type State =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; items: Message[]; cursor: string | undefined; more?: 'loading' | { error: unknown } };

/** Notices from the police station (a declaration received, returned, registered), newest first. */
export function MessagesPage() {
  const { t } = useTranslation();
  const { call } = useServices();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    call(listMessages, { query: {}, signal: controller.signal }).then(
      (page) => {
        if (!controller.signal.aborted) setState({ status: 'ready', items: page.items, cursor: page.cursor });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [call, attempt]);

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || !state.cursor || state.more === 'loading') return;
    const current = state;
    setState({ ...current, more: 'loading' });
    call(listMessages, { query: { cursor: current.cursor } }).then(
      (page) => setState({ ...current, items: [...current.items, ...page.items], cursor: page.cursor, more: undefined }),
      (error: unknown) => setState({ ...current, more: { error } }),
    );
  }, [call, state]);

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
        <Button color="primary" onClick={() => setAttempt((n) => n + 1)}>
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
          return (
            <li key={message.id}>
              {message.declarationId ? (
                <Link className="message-card message-card-link" to={`/residence/${message.declarationId}`}>
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
      {state.cursor && (
        <div className="portal-section">
          {state.more && state.more !== 'loading' && (
            <p className="field-error" role="alert">
              {messageOf(state.more.error, t)}
            </p>
          )}
          <Button size="large" block loading={state.more === 'loading'} onClick={loadMore}>
            {t('portal:messages.more')}
          </Button>
        </div>
      )}
    </div>
  );
}
