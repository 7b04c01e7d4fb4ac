import { Alert, Button, Result, Select, Space, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { EllipsisOutlined, LeftOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PlaceView } from '#shared/api/residence';
import { messageOf } from '../../api/errors.ts';
import type { Loaded } from '../../app/load.ts';
import { streetOf } from './format.ts';
import { Ltr } from './Ltr.tsx';
import type { QueueReturn } from './paths.ts';
import type { ReviewNamespace } from './RecordStates.tsx';
import type { StreetGroup } from './useStreets.ts';

interface HeadProps {
  title: string;
  station: string;
  /** Names the station line for the browser tests. */
  testId: string;
  refreshing: boolean;
  onRefresh(): void;
}

/** A queue's title, the station it is for, and a refresh. */
export function QueueHead({ title, station, testId, refreshing, onRefresh }: HeadProps) {
  const { t } = useTranslation(['review']);
  return (
    <header className="review-page-head">
      <div>
        <Typography.Title level={2} className="office-page-title review-title">
          {title}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid={testId}>
          {station}
        </Typography.Text>
      </div>
      <Button icon={<ReloadOutlined aria-hidden />} onClick={onRefresh} loading={refreshing}>
        {t('review:queue.refresh')}
      </Button>
    </header>
  );
}

/** A row's address: the street, then the detail; the whole path on hover. */
export function AddressCell({ address }: { address: PlaceView }) {
  return (
    <span className="review-address" title={[...address.path, address.detail].join(' ')}>
      <span className="review-address-street">{streetOf(address.path)}</span>
      <bdi>{address.detail}</bdi>
    </span>
  );
}

/** The first page could not be loaded: nothing to show but the failure and a retry. */
export function QueueLoadFailed({ title, error, onRetry }: { title: string; error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={title}
      subTitle={messageOf(error, t)}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('common:action.retry')}
        </Button>
      }
    />
  );
}

/** A later load failed: the last page stays in view under this notice. */
export function QueueReloadFailed({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <Alert
      className="review-alert"
      type="error"
      showIcon
      title={messageOf(error, t)}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common:action.retry')}
        </Button>
      }
    />
  );
}

interface PagerProps {
  /** The cursors of the pages before this one (the API pages by key and knows no totals). */
  cursors: string[];
  /** The cursor of the next page, if there is one. */
  next: string | undefined;
  loading: boolean;
  onPage(cursors: string[]): void;
}

/** Previous and next page by key, and which page this is. */
export function QueuePager({ cursors, next, loading, onPage }: PagerProps) {
  const { t } = useTranslation(['review']);
  return (
    <nav className="review-pager" aria-label={t('review:queue.pager')}>
      <Typography.Text type="secondary">{t('review:queue.page', { page: cursors.length + 1 })}</Typography.Text>
      <Space>
        <Button icon={<LeftOutlined className="review-flip" aria-hidden />} disabled={cursors.length === 0 || loading} onClick={() => onPage(cursors.slice(0, -1))}>
          {t('review:queue.previous')}
        </Button>
        <Button disabled={!next || loading} onClick={() => next && onPage([...cursors, next])}>
          {t('review:queue.next')}
          <RightOutlined className="review-flip" aria-hidden />
        </Button>
      </Space>
    </nav>
  );
}

/** A queue row's first columns: the reference (a link to the record), the name and the masked ID number. */
export function recordColumns<Row extends { id: string; name: string; citizenIdMasked: string }>(
  t: (key: string) => string,
  namespace: ReviewNamespace,
  path: string,
  back: QueueReturn,
): TableColumnsType<Row> {
  return [
    {
      key: 'id',
      title: t(`${namespace}:queue.columns.reference`),
      render: (_, item) => (
        <Link to={`${path}/${item.id}`} state={{ back }} onClick={(event) => event.stopPropagation()}>
          <Ltr mono>{item.id}</Ltr>
        </Link>
      ),
    },
    { key: 'name', title: t(`${namespace}:queue.columns.name`), render: (_, item) => <bdi className="review-name">{item.name}</bdi> },
    { key: 'citizenId', title: t(`${namespace}:queue.columns.citizenId`), render: (_, item) => <Ltr mono>{item.citizenIdMasked}</Ltr> },
  ];
}

const ALL_STREETS = '';

interface StreetFilterProps {
  /** The station's streets by county (useStreets). */
  streets: Loaded<StreetGroup[]>;
  /** The street chosen; undefined for the whole station. */
  value: string | undefined;
  onChange(street: string | undefined): void;
}

/** A list's street filter: the whole station, or one street of its counties; a retry when the streets did not load. */
export function StreetFilter({ streets, value, onChange }: StreetFilterProps) {
  const { t } = useTranslation(['review']);
  return (
    <>
      <Select<string>
        className="review-street"
        aria-label={t('review:queue.streetLabel')}
        value={value ?? ALL_STREETS}
        onChange={(next) => onChange(next || undefined)}
        loading={streets.loading}
        status={streets.error ? 'warning' : undefined}
        showSearch={{ optionFilterProp: 'label' }}
        popupMatchSelectWidth={false}
        options={[
          { value: ALL_STREETS, label: t('review:queue.allStreets') },
          ...(streets.data ?? []).map((group) => ({
            label: group.countyName,
            title: group.countyName,
            options: group.streets.map((s) => ({ value: s.code, label: s.name })),
          })),
        ]}
        notFoundContent={streets.error ? messageOf(streets.error, t) : undefined}
      />
      {streets.error !== undefined && (
        <Button type="link" onClick={streets.reload}>
          {t('review:queue.streetsFailed')}
        </Button>
      )}
    </>
  );
}

/** The button behind which tabs that do not fit are kept, with a name of its own for screen readers. */
export const moreTabs = (label: string) => ({
  icon: (
    <>
      <EllipsisOutlined aria-hidden />
      <span className="visually-hidden">{label}</span>
    </>
  ),
});
