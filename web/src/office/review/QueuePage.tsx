import { Empty, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { Station } from '#shared/api/identity';
import { listQueue, type QueueItem } from '#shared/api/review';
import { DECLARATION_STATUSES, type DeclarationStatus } from '#shared/residence/declaration';
import { useServices } from '../../app/services.ts';
import { isolate } from '../../i18n/bidi.ts';
import { formatInstant } from './format.ts';
import { Ltr } from './Ltr.tsx';
import { queuePath, type QueueReturn } from './paths.ts';
import { AddressCell, QueueHead, recordColumns, QueueLoadFailed, QueuePager, QueueReloadFailed, StreetFilter } from './QueueParts.tsx';
import { useLoad } from '../../app/load.ts';
import { useStreets } from './useStreets.ts';
import { WorkingDaysTag } from './WorkingDaysTag.tsx';

const PAGE_SIZE = 20;

/** What the queue keeps in its history entry: the cursors of the pages before this one. */
interface QueueState {
  cursors?: string[];
}

const readStatus = (value: string | null): DeclarationStatus =>
  DECLARATION_STATUSES.find((status) => status === value) ?? 'submitted';
const readStreet = (value: string | null) => (value && /^\d{9}$/.test(value) ? value : undefined);

/** The station's declarations by status and street, oldest deadline first, a page at a time. */
export function QueuePage({ station }: { station: Station }) {
  const { t } = useTranslation(['review']);
  const { call } = useServices();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const status = readStatus(params.get('status'));
  const street = readStreet(params.get('street'));

  // The API pages by key and knows no totals, so "previous" needs the cursors that led here. They
  // live in this history entry: back from a declaration lands on the same page.
  const cursors = (location.state as QueueState | null)?.cursors ?? [];
  const cursor = cursors.at(-1);

  const queue = useLoad(
    (signal) => call(listQueue, { query: { status, street, cursor, limit: PAGE_SIZE }, signal }),
    [call, status, street, cursor],
  );
  const streets = useStreets(station.divisions);

  function filter(next: { status?: DeclarationStatus; street?: string }) {
    const search = new URLSearchParams();
    const nextStatus = next.status ?? status;
    const nextStreet = 'street' in next ? next.street : street;
    if (nextStatus !== 'submitted') search.set('status', nextStatus);
    if (nextStreet) search.set('street', nextStreet);
    setParams(search, { replace: true, state: {} satisfies QueueState });
  }

  function page(nextCursors: string[]) {
    navigate({ search: location.search }, { replace: true, state: { cursors: nextCursors } satisfies QueueState });
    window.scrollTo({ top: 0 });
  }

  const back: QueueReturn = { search: location.search, cursors };
  const open = (item: QueueItem) => navigate(`${queuePath}/${item.id}`, { state: { back } });

  const streetName = streets.data?.flatMap((group) => group.streets).find((s) => s.code === street)?.name;
  const place = streetName ?? t('review:queue.wholeStation');

  const columns: TableColumnsType<QueueItem> = [
    ...recordColumns<QueueItem>(t as (key: string) => string, 'review', queuePath, back),
    {
      key: 'address',
      title: t('review:queue.columns.address'),
      render: (_, item) => <AddressCell address={item.address} />,
    },
    { key: 'moveIn', title: t('review:queue.columns.moveIn'), render: (_, item) => <Ltr>{item.moveInDate}</Ltr> },
    {
      key: 'submitted',
      title: t('review:queue.columns.submitted'),
      render: (_, item) => <Ltr>{formatInstant(item.submittedAt)}</Ltr>,
    },
    {
      key: 'actBy',
      title: t('review:queue.columns.actBy'),
      render: (_, item) => (item.actBy ? <Ltr>{item.actBy}</Ltr> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      key: 'left',
      title: t('review:queue.columns.left'),
      render: (_, item) =>
        item.status === 'submitted' || item.status === 'returned' ? (
          <WorkingDaysTag days={item.workingDaysLeft} />
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  const failedFirst = queue.error !== undefined && queue.data === undefined;

  return (
    <div className="review-queue">
      <QueueHead
        title={t('review:queue.title')}
        station={station.name}
        testId="review-station"
        refreshing={queue.loading && queue.data !== undefined}
        onRefresh={queue.reload}
      />

      <div className="review-filters" role="search" aria-label={t('review:queue.filters')}>
        <Segmented<DeclarationStatus>
          aria-label={t('review:queue.statusLabel')}
          value={status}
          onChange={(value) => filter({ status: value })}
          options={DECLARATION_STATUSES.map((value) => ({ value, label: t(`review:status.${value}`) }))}
        />
        <StreetFilter streets={streets} value={street} onChange={(value) => filter({ street: value })} />
      </div>

      {failedFirst ? (
        <QueueLoadFailed title={t('review:queue.loadFailed')} error={queue.error} onRetry={queue.reload} />
      ) : (
        <>
          {queue.error !== undefined && <QueueReloadFailed error={queue.error} onRetry={queue.reload} />}
          <Table<QueueItem>
            rowKey="id"
            className="review-table"
            size="middle"
            columns={columns}
            dataSource={queue.data?.items ?? []}
            loading={queue.loading}
            pagination={false}
            onRow={(item) => ({ onClick: () => open(item), className: 'review-row' })}
            locale={{
              emptyText: queue.loading ? (
                <span className="review-table-placeholder" />
              ) : (
                <Empty description={t(`review:queue.empty.${status}`, { place: isolate(place) })} />
              ),
            }}
          />
          <QueuePager cursors={cursors} next={queue.data?.cursor} loading={queue.loading} onPage={page} />
        </>
      )}
    </div>
  );
}
