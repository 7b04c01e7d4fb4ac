import { Checkbox, Empty, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { Station } from '#shared/api/identity';
import { listOverdueReports, listStationHouses, type OverdueReport, type StationHouse } from '#shared/api/house-watch';
import { SAFETY_ITEMS } from '#shared/landlord/house';
import { useLoad } from '../../app/load.ts';
import { useServices } from '../../app/services.ts';
import { isolate } from '../../i18n/bidi.ts';
import { formatInstant } from '../review/format.ts';
import { Ltr } from '../review/Ltr.tsx';
import { AddressCell, moreTabs, QueueHead, QueueLoadFailed, QueuePager, QueueReloadFailed, StreetFilter } from '../review/QueueParts.tsx';
import { useStreets } from '../review/useStreets.ts';
import { NameAndNumber, OccupancyCell } from './HouseParts.tsx';
import type { QueueReturn } from '../review/paths.ts';
import { housePath } from './paths.ts';
import { HOUSE_TABS, readSelection, selectionSearch, type ListSelection } from './rules.ts';

const PAGE_SIZE = 20;

/** What the list keeps in its history entry: the cursors of the pages before this one. */
interface ListState {
  cursors?: string[];
}

type ListPage = { tab: 'houses'; items: StationHouse[]; cursor?: string } | { tab: 'late' | 'unconfirmed'; items: OverdueReport[]; cursor?: string };

/**
 * 以房管人: the station's rental houses by street (or only those over capacity), the landlord
 * reports filed after their deadline, and the confirmation requests nobody answered in time; every
 * row opens its house.
 */
export function HouseListPage({ station }: { station: Station }) {
  const { t } = useTranslation(['houseWatch', 'review']);
  const { call } = useServices();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const selection = readSelection(params);
  const { tab, street, overCapacity } = selection;

  // The API pages by key and knows no totals, so "previous" needs the cursors that led here. They
  // live in this history entry: back from a house lands on the same page.
  const cursors = (location.state as ListState | null)?.cursors ?? [];
  const cursor = cursors.at(-1);

  const list = useLoad<ListPage>(
    (signal) =>
      tab === 'houses'
        ? call(listStationHouses, { query: { street, overCapacity: overCapacity ? 'true' : 'false', cursor, limit: PAGE_SIZE }, signal }).then(
            (page) => ({ tab, ...page }),
          )
        : call(listOverdueReports, { query: { kind: tab, cursor, limit: PAGE_SIZE }, signal }).then((page) => ({ tab, ...page })),
    [call, tab, street, overCapacity, cursor],
  );
  const streets = useStreets(station.divisions);

  function choose(next: Partial<ListSelection>) {
    setParams(selectionSearch({ ...selection, ...next }), { replace: true, state: {} satisfies ListState });
  }

  function page(nextCursors: string[]) {
    navigate({ search: location.search }, { replace: true, state: { cursors: nextCursors } satisfies ListState });
    window.scrollTo({ top: 0 });
  }

  const back: QueueReturn = { search: location.search, cursors };
  const open = (code: string) => navigate(housePath(code), { state: { back } });
  const codeLink = (code: string) => (
    <Link to={housePath(code)} state={{ back }} onClick={(event) => event.stopPropagation()}>
      <Ltr mono>{code}</Ltr>
    </Link>
  );

  const streetName = streets.data?.flatMap((group) => group.streets).find((s) => s.code === street)?.name;
  const place = isolate(streetName ?? station.name);
  const shown = list.data?.tab === tab ? list.data : undefined;
  const failedFirst = list.error !== undefined && list.data === undefined;

  const houseColumns: TableColumnsType<StationHouse> = [
    { key: 'code', title: t('houseWatch:list.columns.code'), render: (_, house) => codeLink(house.id) },
    {
      key: 'address',
      title: t('houseWatch:list.columns.address'),
      render: (_, house) => (
        <>
          <AddressCell address={house.address} />
          <UnitLine house={house} />
        </>
      ),
    },
    { key: 'type', title: t('houseWatch:list.columns.type'), render: (_, house) => t(`houseWatch:houseTypes.${house.type}`) },
    {
      key: 'landlord',
      title: t('houseWatch:list.columns.landlord'),
      render: (_, house) => <NameAndNumber name={house.landlord.name} number={house.landlord.phoneMasked} />,
    },
    { key: 'occupancy', title: t('houseWatch:list.columns.occupancy'), render: (_, house) => <OccupancyCell occupancy={house.occupancy} /> },
    {
      key: 'safety',
      title: t('houseWatch:list.columns.safety'),
      render: (_, house) => {
        const missing = SAFETY_ITEMS.filter((item) => !house.safety[item]);
        return missing.length === 0 ? (
          <Tag color="success">{t('houseWatch:safety.complete')}</Tag>
        ) : (
          <span className="houses-tags">
            {missing.map((item) => (
              <Tag key={item} color="warning">
                {t(`houseWatch:safety.missing.${item}`)}
              </Tag>
            ))}
          </span>
        );
      },
    },
  ];

  const overdueColumns: TableColumnsType<OverdueReport> = [
    {
      key: 'tenant',
      title: t('houseWatch:list.columns.tenant'),
      render: (_, row) => <NameAndNumber name={row.tenant.name} number={row.tenant.citizenIdMasked} />,
    },
    { key: 'code', title: t('houseWatch:list.columns.code'), render: (_, row) => codeLink(row.houseId) },
    { key: 'address', title: t('houseWatch:list.columns.address'), render: (_, row) => <AddressCell address={row.address} /> },
    {
      key: 'landlord',
      title: t('houseWatch:list.columns.landlord'),
      render: (_, row) => <NameAndNumber name={row.landlord.name} number={row.landlord.phoneMasked} />,
    },
    { key: 'report', title: t('houseWatch:list.columns.report'), render: (_, row) => t(`houseWatch:report.${row.report}`) },
    { key: 'lastDay', title: t('houseWatch:list.columns.lastDay'), render: (_, row) => <Ltr>{row.lastDay}</Ltr> },
    tab === 'late'
      ? {
          key: 'filedAt',
          title: t('houseWatch:list.columns.filedAt'),
          render: (_, row) => (row.filedAt ? <Ltr>{formatInstant(row.filedAt)}</Ltr> : null),
        }
      : {
          key: 'waitingFor',
          title: t('houseWatch:list.columns.waitingFor'),
          render: (_, row) => (row.waitingFor ? <Tag color="orange">{t(`houseWatch:waitingFor.${row.waitingFor}`)}</Tag> : null),
        },
  ];

  const empty = list.loading ? (
    <span className="review-table-placeholder" />
  ) : (
    <Empty
      description={
        tab === 'houses'
          ? overCapacity
            ? t('houseWatch:list.empty.overCapacity', { place })
            : t('houseWatch:list.empty.houses', { place })
          : t(`houseWatch:list.empty.${tab}`, { place })
      }
    />
  );

  return (
    <div className="review-queue">
      <QueueHead
        title={t('houseWatch:list.title')}
        station={station.name}
        testId="houses-station"
        refreshing={list.loading && list.data !== undefined}
        onRefresh={list.reload}
      />

      <Tabs
        aria-label={t('houseWatch:list.tabsLabel')}
        activeKey={tab}
        onChange={(key) => choose({ tab: HOUSE_TABS.find((value) => value === key) ?? 'houses' })}
        items={HOUSE_TABS.map((value) => ({ key: value, label: t(`houseWatch:tabs.${value}`) }))}
        // Where the tabs do not fit, the rest are behind this button: it needs a name of its own.
        more={moreTabs(t('houseWatch:list.moreTabs'))}
      />

      {tab === 'houses' ? (
        <div className="review-filters" role="search" aria-label={t('houseWatch:list.filters')}>
          <StreetFilter streets={streets} value={street} onChange={(value) => choose({ street: value })} />
          <Checkbox checked={overCapacity} onChange={(event) => choose({ overCapacity: event.target.checked })}>
            {t('houseWatch:list.overCapacityOnly')}
          </Checkbox>
        </div>
      ) : (
        <Typography.Paragraph type="secondary" className="houses-explain">
          {t(`houseWatch:list.explain.${tab}`)}
        </Typography.Paragraph>
      )}

      {failedFirst ? (
        <QueueLoadFailed title={t('houseWatch:list.loadFailed')} error={list.error} onRetry={list.reload} />
      ) : (
        <>
          {list.error !== undefined && <QueueReloadFailed error={list.error} onRetry={list.reload} />}
          {tab === 'houses' ? (
            <Table<StationHouse>
              rowKey="id"
              className="review-table"
              size="middle"
              columns={houseColumns}
              dataSource={shown?.tab === 'houses' ? shown.items : []}
              loading={list.loading}
              pagination={false}
              onRow={(house) => ({ onClick: () => open(house.id), className: 'review-row' })}
              locale={{ emptyText: empty }}
            />
          ) : (
            <Table<OverdueReport>
              rowKey={(row) => `${row.tenancyId}-${row.report}`}
              className="review-table"
              size="middle"
              columns={overdueColumns}
              dataSource={shown && shown.tab !== 'houses' ? shown.items : []}
              loading={list.loading}
              pagination={false}
              onRow={(row) => ({ onClick: () => open(row.houseId), className: 'review-row' })}
              locale={{ emptyText: empty }}
            />
          )}
          <QueuePager cursors={cursors} next={shown?.cursor} loading={list.loading} onPage={page} />
        </>
      )}
    </div>
  );
}

/** Building, unit and room as the landlord wrote them, under the address. */
export function UnitLine({ house }: { house: { building?: string; unit?: string; room?: string } }) {
  const parts = [house.building, house.unit, house.room].filter((part): part is string => Boolean(part));
  if (parts.length === 0) return null;
  return (
    <div className="houses-unit">
      <bdi>{parts.join(' · ')}</bdi>
    </div>
  );
}
