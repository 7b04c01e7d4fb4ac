/** The pieces the upload pages share: an upload's status, its progress and its counts. */
import { ProgressBar, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { UploadStatus, UploadView } from '#shared/api/agency';
import { useLanguage } from '../../i18n/language.ts';
import { progressPercent, progressText, statusLabel } from './words.ts';

const STATUS_COLORS: Record<UploadStatus, 'primary' | 'warning' | 'success' | 'default' | 'danger'> = {
  awaitingFile: 'default',
  checking: 'primary',
  checked: 'warning',
  committing: 'primary',
  committed: 'success',
  failed: 'danger',
};

export function UploadStatusTag({ status }: { status: UploadStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} fill="outline" className="rs-status" data-testid="upload-status">
      {statusLabel(t, status)}
    </Tag>
  );
}

/** "已处理 N / 共 M 行" over a bar, announced politely as it moves. */
export function UploadProgress({ upload }: { upload: Pick<UploadView, 'progress'> }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const percent = progressPercent(upload.progress);
  const text = progressText(upload.progress, language, t);
  return (
    <div className="ag-progress">
      <ProgressBar percent={percent} aria-hidden="true" />
      <p className="ag-progress-text" role="status" aria-live="polite" data-testid="upload-progress">
        {text}
      </p>
    </div>
  );
}

type CountKey = keyof UploadView['counts'];

/** The counts as a grid of figures: each a number over its name, the ones that need attention marked. */
export function UploadCounts({ counts, keys }: { counts: UploadView['counts']; keys: readonly CountKey[] }) {
  const { t } = useTranslation();
  const names: Record<CountKey, string> = {
    rows: t('agency:upload.counts.rows'),
    valid: t('agency:upload.counts.valid'),
    invalid: t('agency:upload.counts.invalid'),
    duplicates: t('agency:upload.counts.duplicates'),
    alreadyReported: t('agency:upload.counts.alreadyReported'),
    late: t('agency:upload.counts.late'),
    written: t('agency:upload.counts.written'),
  };
  const attention = (key: CountKey) => (key === 'invalid' || key === 'late') && counts[key] > 0;
  return (
    <dl className="ag-counts" aria-label={t('agency:upload.countsLabel')}>
      {keys.map((key) => (
        <div key={key} className={attention(key) ? 'ag-count ag-count-attention' : 'ag-count'} data-testid={`count-${key}`}>
          <dt>{names[key]}</dt>
          <dd>{counts[key].toLocaleString('en')}</dd>
        </div>
      ))}
    </dl>
  );
}
