import { useState } from 'react';
import { Empty, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { Station } from '#shared/api/identity';
import { listPermitApplications, type PermitQueueItem } from '#shared/api/permit';
import { APPLICATION_STATUSES, type ApplicationStatus } from '#shared/permit/lifecycle';
import { useServices } from '../../app/services.ts';
import { useLoad } from '../../app/load.ts';
import { isolate } from '../../i18n/bidi.ts';
import { formatInstant } from '../review/format.ts';
import { none } from '../review/DeclarationSections.tsx';
import { Ltr } from '../review/Ltr.tsx';
import type { QueueReturn } from '../review/paths.ts';
import { AddressCell, moreTabs, QueueHead, recordColumns, QueueLoadFailed, QueuePager, QueueReloadFailed } from '../review/QueueParts.tsx';
import { BulkApprove } from './BulkApprove.tsx';
import { DaysLeftTag } from './DaysLeftTag.tsx';
import { permitQueuePath } from './paths.ts';

const PAGE_SIZE = 20;

/** What the queue keeps in its history entry: the cursors of the pages before this one. */
interface QueueState {
  cursors?: string[];
}

const readStatus = (value: string | null): ApplicationStatus => APPLICATION_STATUSES.find((status) => status === value) ?? 'submitted';

/** The station's permit applications by status, the nearest time limit to issue first, a page at a time. */
export function PermitQueuePage({ station }: { station: Station }) {
  const { t } = useTranslation(['permitReview']);
  const { call } = useServices();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const status = readStatus(params.get('status'));
  const [selected, setSelected] = useState<PermitQueueItem[]>([]);

  // The API pages by key and knows no totals, so "previous" needs the cursors that led here. They
  // live in this history entry: back from an application lands on the same page.
  const cursors = (location.state as QueueState | null)?.cursors ?? [];
  const cursor = cursors.at(-1);

  const queue = useLoad(
    (signal) => call(listPermitApplications, { query: { status, cursor, limit: PAGE_SIZE }, signal }),
    [call, status, cursor],
  );

  function chooseStatus(next: ApplicationStatus) {
    const search = new URLSearchParams();
    if (next !== 'submitted') search.set('status', next);
    setSelected([]);
    setParams(search, { replace: true, state: {} satisfies QueueState });
  }

  function page(nextCursors: string[]) {
    setSelected([]);
    navigate({ search: location.search }, { replace: true, state: { cursors: nextCursors } satisfies QueueState });
    window.scrollTo({ top: 0 });
  }

  const back: QueueReturn = { search: location.search, cursors };
  const open = (item: PermitQueueItem) => navigate(`${permitQueuePath}/${item.id}`, { state: { back } });

  const columns: TableColumnsType<PermitQueueItem> = [
    ...recordColumns<PermitQueueItem>(t as (key: string) => string, 'permitReview', permitQueuePath, back),
    {
      key: 'kind',
      title: t('permitReview:queue.columns.kind'),
      render: (_, item) => (
        <span className="permit-tags">
          <Tag>{t(`permitReview:kind.${item.kind}`)}</Tag>
          {item.forChild && <Tag color="purple">{t('permitReview:queue.forChild')}</Tag>}
        </span>
      ),
    },
    {
      key: 'address',
      title: t('permitReview:queue.columns.address'),
      render: (_, item) => <AddressCell address={item.address} />,
    },
    { key: 'submitted', title: t('permitReview:queue.columns.submitted'), render: (_, item) => <Ltr>{formatInstant(item.submittedAt)}</Ltr> },
    { key: 'issueBy', title: t('permitReview:queue.columns.issueBy'), render: (_, item) => (item.issueBy ? <Ltr>{item.issueBy}</Ltr> : none) },
    {
      key: 'left',
      title: t('permitReview:queue.columns.left'),
      render: (_, item) => (
        <span className="permit-tags">
          {item.daysLeft !== undefined ? <DaysLeftTag days={item.daysLeft} /> : none}
          {item.remote && <Tag color="blue">{t('permitReview:queue.remote')}</Tag>}
        </span>
      ),
    },
  ];

  const failedFirst = queue.error !== undefined && queue.data === undefined;
  const selecting = status === 'accepted';

  return (
    <div className="review-queue">
      <QueueHead
        title={t('permitReview:queue.title')}
        station={station.name}
        testId="permit-station"
        refreshing={queue.loading && queue.data !== undefined}
        onRefresh={queue.reload}
      />

      <Tabs
        aria-label={t('permitReview:queue.statusLabel')}
        activeKey={status}
        onChange={(key) => chooseStatus(readStatus(key))}
        items={APPLICATION_STATUSES.map((value) => ({ key: value, label: t(`permitReview:status.${value}`) }))}
        // Where the tabs do not fit, the rest are behind this button: it needs a name of its own.
        more={moreTabs(t('permitReview:queue.moreStatuses'))}
      />

      {failedFirst ? (
        <QueueLoadFailed title={t('permitReview:queue.loadFailed')} error={queue.error} onRetry={queue.reload} />
      ) : (
        <>
          {queue.error !== undefined && <QueueReloadFailed error={queue.error} onRetry={queue.reload} />}
          {selecting && (
            <BulkApprove
              selected={selected}
              onDone={() => {
                setSelected([]);
                queue.reload();
              }}
            />
          )}
          <Table<PermitQueueItem>
            rowKey="id"
            className="review-table"
            size="middle"
            columns={columns}
            dataSource={queue.data?.items ?? []}
            loading={queue.loading}
            pagination={false}
            rowSelection={
              selecting
                ? {
                    selectedRowKeys: selected.map((item) => item.id),
                    onChange: (_, rows) => setSelected(rows),
                  }
                : undefined
            }
            onRow={(item) => ({
              // A click on the selection checkbox selects the row; anywhere else opens it.
              onClick: (event) => {
                if (!(event.target as HTMLElement).closest('.ant-table-selection-column')) open(item);
              },
              className: 'review-row',
            })}
            locale={{
              emptyText: queue.loading ? (
                <span className="review-table-placeholder" />
              ) : (
                <Empty description={t(`permitReview:queue.empty.${status}`, { place: isolate(station.name) })} />
              ),
            }}
          />
          <QueuePager cursors={cursors} next={queue.data?.cursor} loading={queue.loading} onPage={page} />
        </>
      )}
    </div>
  );
}
