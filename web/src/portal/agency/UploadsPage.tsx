import { useCallback, useEffect, useState } from 'react';
import { AddOutline, KeyOutline, RightOutline, UnorderedListOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getUpload, listUploads, type UploadView } from '#shared/api/agency';
import { useServices } from '../../app/services.ts';
import { useSession } from '../../auth/session.tsx';
import { useLanguage } from '../../i18n/language.ts';
import { LoadMore, usePagedList } from '../paged-list.tsx';
import { Reference } from '../residence/parts.tsx';
import { EmptyState, LoadError, LoadingBlock } from '../residence/states.tsx';
import { formatMoment } from '../residence/words.ts';
import { isOrgAdmin } from './org-admin.ts';
import { UploadProgress, UploadStatusTag } from './parts.tsx';
import { isRunning, organisationType, orgTypeLabel } from './words.ts';

/** How often the list refreshes the uploads still being checked or written. */
const REFRESH_MS = 2000;

/** 批量报送: the organisation, a new upload, its uploads newest first, and its people and keys. */
export default function UploadsPage() {
  const { t } = useTranslation();
  const { call, sessions } = useServices();
  const { me } = useSession();
  const org = me.status === 'ready' ? me.me.org : undefined;
  const first = useCallback((signal: AbortSignal) => call(listUploads, { query: {}, signal }), [call]);
  const next = useCallback((cursor: string) => call(listUploads, { query: { cursor } }), [call]);
  const { state, loadMore, retry } = usePagedList<UploadView>(first, next);
  const fresh = useFreshUploads(state.status === 'ready' ? state.items : []);

  if (!org) {
    return (
      <div className="rs-page">
        <EmptyState title={t('agency:home.noOrganisation')} />
      </div>
    );
  }
  const type = organisationType(org.type);
  const newUpload = (
    <Link className="adm-button adm-button-primary adm-button-large adm-button-block rs-link-button" to="/agency/uploads/new">
      <AddOutline aria-hidden="true" /> {t('agency:home.newUpload')}
    </Link>
  );

  return (
    <div className="rs-page">
      <section className="rs-card ag-org" aria-labelledby="ag-org-name">
        <h2 id="ag-org-name" className="rs-card-title">
          <bdi>{org.name}</bdi>
        </h2>
        {type && <p className="rs-field-note">{t('agency:home.orgType', { type: orgTypeLabel(t, type) })}</p>}
        <nav className="ag-links" aria-label={t('agency:home.links')}>
          <Link className="ag-link" to="/agency/people">
            <UnorderedListOutline aria-hidden="true" />
            <span>{t('agency:home.people')}</span>
            <RightOutline className="rs-chevron" aria-hidden="true" />
          </Link>
          {isOrgAdmin(sessions.get()?.token) && (
            <Link className="ag-link" to="/agency/api-keys">
              <KeyOutline aria-hidden="true" />
              <span>{t('agency:home.apiKeys')}</span>
              <RightOutline className="rs-chevron" aria-hidden="true" />
            </Link>
          )}
        </nav>
      </section>

      {state.status === 'loading' && <LoadingBlock lines={4} />}
      {state.status === 'failed' && <LoadError error={state.error} retry={retry} />}
      {state.status === 'ready' && state.items.length === 0 && (
        <EmptyState title={t('agency:home.emptyTitle')} description={t('agency:home.emptyDescription')}>
          <div className="rs-empty-actions">{newUpload}</div>
        </EmptyState>
      )}
      {state.status === 'ready' && state.items.length > 0 && (
        <>
          <div className="rs-actions rs-actions-top">{newUpload}</div>
          <h2 className="ag-section-title" id="ag-uploads-title">
            {t('agency:home.listTitle')}
          </h2>
          <ul className="rs-cards" aria-labelledby="ag-uploads-title">
            {state.items.map((item) => (
              <li key={item.id}>
                <UploadCard upload={fresh[item.id] ?? item} />
              </li>
            ))}
          </ul>
          <LoadMore state={state} onMore={loadMore} label={t('agency:home.more')} className="rs-actions" />
        </>
      )}
    </div>
  );
}

/**
 * The latest view of every listed upload still being checked or written, refreshed every couple of
 * seconds while the list is open, so its bars move without reloading the list.
 */
function useFreshUploads(items: readonly UploadView[]): Record<string, UploadView> {
  const { call } = useServices();
  const [fresh, setFresh] = useState<Record<string, UploadView>>({});
  const running = items
    .map((item) => fresh[item.id] ?? item)
    .filter((item) => isRunning(item.status))
    .map((item) => item.id)
    .join(',');

  useEffect(() => {
    if (!running) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      void Promise.all(
        running.split(',').map((id) =>
          call(getUpload, { params: { id }, signal: controller.signal }).then(
            (view) => view,
            () => undefined,
          ),
        ),
      ).then((views) => {
        if (controller.signal.aborted) return;
        setFresh((previous) => {
          const nextViews = { ...previous };
          for (const view of views) if (view) nextViews[view.id] = view;
          return nextViews;
        });
      });
    }, REFRESH_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [call, running, fresh]);
  return fresh;
}

function UploadCard({ upload }: { upload: UploadView }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <Link className="rs-card rs-item ag-upload" to={`/agency/uploads/${upload.id}`} data-testid="upload-card">
      <span className="rs-item-head">
        <UploadStatusTag status={upload.status} />
        <Reference id={upload.id} />
      </span>
      <span className="ag-file-name">
        <bdi>{upload.fileName}</bdi>
      </span>
      {isRunning(upload.status) && upload.status !== 'awaitingFile' && <UploadProgress upload={upload} />}
      {(upload.status === 'checked' || upload.status === 'committed') && (
        <span className="ag-upload-counts">
          {t('agency:home.counts', { valid: String(upload.counts.valid), invalid: String(upload.counts.invalid) })}
          {upload.status === 'committed' && (
            <>
              {' · '}
              {t('agency:home.written', { n: String(upload.counts.written) })}
            </>
          )}
        </span>
      )}
      {upload.status === 'failed' && upload.failure && <span className="ag-upload-failure">{upload.failure.message}</span>}
      <span className="rs-item-dates">
        {t('agency:home.created', { name: upload.createdBy, time: formatMoment(upload.createdAt, language, t) })}
      </span>
      <RightOutline className="rs-chevron rs-item-chevron" aria-hidden="true" />
    </Link>
  );
}
