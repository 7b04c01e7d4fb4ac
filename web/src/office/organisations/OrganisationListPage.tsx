import { useState } from 'react';
import { App, Button, Empty, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { listOrganisations, type OrganisationView } from '#shared/api/organisations';
import { useLoad } from '../../app/load.ts';
import { useServices } from '../../app/services.ts';
import { formatInstant } from '../review/format.ts';
import { Ltr } from '../review/Ltr.tsx';
import { AddressCell, QueueLoadFailed, QueuePager, QueueReloadFailed } from '../review/QueueParts.tsx';
import { CreateOrganisationModal } from './CreateOrganisationModal.tsx';
import { organisationPath } from './paths.ts';

const PAGE_SIZE = 20;

/** What the list keeps in its history entry: the cursors of the pages before this one. */
interface ListState {
  cursors?: string[];
}

/** 单位管理: the organisations, newest first, a page at a time; a new one; each opens its page. */
export function OrganisationListPage() {
  const { t } = useTranslation(['organisations', 'sheet', 'review']);
  const { call } = useServices();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [creating, setCreating] = useState(false);

  // The API pages by key and knows no totals: "previous" needs the cursors that led here, kept in
  // this history entry so that back from an organisation lands on the same page.
  const cursors = (location.state as ListState | null)?.cursors ?? [];
  const cursor = cursors.at(-1);
  const list = useLoad((signal) => call(listOrganisations, { query: { cursor, limit: PAGE_SIZE }, signal }), [call, cursor]);

  function page(nextCursors: string[]) {
    navigate({ search: location.search }, { replace: true, state: { cursors: nextCursors } satisfies ListState });
    window.scrollTo({ top: 0 });
  }
  const open = (id: string) => navigate(organisationPath(id), { state: { back: { cursors } } });

  const columns: TableColumnsType<OrganisationView> = [
    {
      key: 'name',
      title: t('organisations:list.columns.name'),
      render: (_, org) => (
        <Link to={organisationPath(org.id)} state={{ back: { cursors } }} onClick={(event) => event.stopPropagation()}>
          <bdi>{org.name}</bdi>
        </Link>
      ),
    },
    { key: 'type', title: t('organisations:list.columns.type'), render: (_, org) => t(`sheet:orgTypes.${org.type}`) },
    { key: 'creditCode', title: t('organisations:list.columns.creditCode'), render: (_, org) => <Ltr mono>{org.creditCode}</Ltr> },
    { key: 'address', title: t('organisations:list.columns.address'), render: (_, org) => <AddressCell address={org.address} /> },
    { key: 'users', title: t('organisations:list.columns.users'), align: 'end', render: (_, org) => <Ltr>{org.users}</Ltr> },
    { key: 'createdAt', title: t('organisations:list.columns.createdAt'), render: (_, org) => <Ltr>{formatInstant(org.createdAt)}</Ltr> },
  ];

  const failedFirst = list.error !== undefined && list.data === undefined;
  return (
    <div className="review-queue">
      <header className="review-page-head">
        <div>
          <Typography.Title level={2} className="office-page-title review-title">
            {t('organisations:list.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('organisations:list.lead')}</Typography.Text>
        </div>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t('organisations:list.create')}
        </Button>
      </header>

      {failedFirst ? (
        <QueueLoadFailed title={t('organisations:list.loadFailed')} error={list.error} onRetry={list.reload} />
      ) : (
        <>
          {list.error !== undefined && <QueueReloadFailed error={list.error} onRetry={list.reload} />}
          <Table<OrganisationView>
            rowKey="id"
            className="review-table"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            pagination={false}
            onRow={(org) => ({ onClick: () => open(org.id), className: 'review-row' })}
            locale={{ emptyText: list.loading ? <span className="review-table-placeholder" /> : <Empty description={t('organisations:list.empty')} /> }}
          />
          <QueuePager cursors={cursors} next={list.data?.cursor} loading={list.loading} onPage={page} />
        </>
      )}

      <CreateOrganisationModal
        open={creating}
        onCancel={() => setCreating(false)}
        onCreated={(organisation) => {
          setCreating(false);
          message.success(t('organisations:form.created', { name: organisation.name }));
          navigate(organisationPath(organisation.id));
        }}
      />
    </div>
  );
}
