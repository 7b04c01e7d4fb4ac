import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Result, Space, Table, Tag, Typography, type DescriptionsProps, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { getOrganisation, OrganisationId, type OrganisationUser } from '#shared/api/organisations';
import { ApiError, messageOf } from '../../api/errors.ts';
import { useLoad } from '../../app/load.ts';
import { useServices } from '../../app/services.ts';
import { placeText } from '../review/DeclarationSections.tsx';
import { formatInstant } from '../review/format.ts';
import { Ltr } from '../review/Ltr.tsx';
import { RecordLoading, RecordRefreshing } from '../review/RecordStates.tsx';
import { AddUserModal, InitialPasswordModal, type CreatedUser } from './AddUserModal.tsx';
import { ORGANISATIONS_PATH } from './paths.ts';

type User = z.infer<typeof OrganisationUser>;

/** An organisation: what it is and where, and its users, with a way to add one. */
export function OrganisationPage() {
  const { id = '' } = useParams();
  return <Organisation key={id} id={id} />;
}

function Organisation({ id }: { id: string }) {
  const { t } = useTranslation(['organisations', 'sheet', 'review']);
  const { call } = useServices();
  const navigate = useNavigate();
  const location = useLocation();
  const valid = OrganisationId.safeParse({ id }).success;
  const record = useLoad(valid ? (signal) => call(getOrganisation, { params: { id }, signal }) : undefined, [call, id]);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedUser>();

  const back = (location.state as { back?: { cursors?: string[] } } | null)?.back;
  const backButton = (
    <Button icon={<ArrowLeftOutlined className="review-flip" aria-hidden />} onClick={() => navigate(ORGANISATIONS_PATH, { state: { cursors: back?.cursors ?? [] } })}>
      {t('organisations:detail.back')}
    </Button>
  );

  if (!valid || (record.error instanceof ApiError && record.error.status === 404)) {
    return <Result status="404" title={t('errors:codes.not_found')} extra={backButton} />;
  }
  if (record.data === undefined) {
    if (record.error === undefined) return <RecordLoading />;
    return (
      <Result
        status="error"
        title={t('organisations:detail.loadFailed')}
        subTitle={messageOf(record.error, t)}
        extra={[
          <Button key="retry" type="primary" onClick={record.reload}>
            {t('common:action.retry')}
          </Button>,
          <span key="back">{backButton}</span>,
        ]}
      />
    );
  }
  const { organisation, users } = record.data;

  const facts: DescriptionsProps['items'] = [
    { key: 'type', label: t('organisations:list.columns.type'), children: t(`sheet:orgTypes.${organisation.type}`) },
    { key: 'creditCode', label: t('organisations:list.columns.creditCode'), children: <Ltr mono>{organisation.creditCode}</Ltr> },
    { key: 'createdAt', label: t('organisations:list.columns.createdAt'), children: <Ltr>{formatInstant(organisation.createdAt)}</Ltr> },
    { key: 'address', label: t('organisations:list.columns.address'), span: 3, children: placeText(organisation.address) },
  ];

  const columns: TableColumnsType<User> = [
    { key: 'username', title: t('organisations:detail.columns.username'), render: (_, user) => <Ltr mono>{user.username}</Ltr> },
    { key: 'displayName', title: t('organisations:detail.columns.displayName'), render: (_, user) => <bdi className="review-name">{user.displayName}</bdi> },
    { key: 'phone', title: t('organisations:detail.columns.phone'), render: (_, user) => (user.phone ? <Ltr>{user.phone}</Ltr> : null) },
    {
      key: 'role',
      title: t('organisations:detail.columns.role'),
      render: (_, user) =>
        user.orgAdmin ? <Tag color="gold">{t('organisations:detail.orgAdmin')}</Tag> : <Tag>{t('organisations:detail.member')}</Tag>,
    },
    { key: 'createdAt', title: t('organisations:detail.columns.createdAt'), render: (_, user) => <Ltr>{formatInstant(user.createdAt)}</Ltr> },
  ];

  return (
    <div className="review-detail">
      <div className="review-detail-top">{backButton}</div>
      <header className="review-page-head review-detail-head">
        <div>
          <Typography.Title level={2} className="office-page-title review-title">
            <bdi>{organisation.name}</bdi>
          </Typography.Title>
          <Space wrap size={8}>
            <Tag>{t(`sheet:orgTypes.${organisation.type}`)}</Tag>
          </Space>
        </div>
        <Button icon={<ReloadOutlined aria-hidden />} onClick={record.reload} loading={record.loading}>
          {t('organisations:detail.refresh')}
        </Button>
      </header>
      {record.loading && <RecordRefreshing namespace="review" />}
      <div className="review-sections">
        <Card title={t('organisations:detail.facts')} className="review-card">
          <Descriptions column={{ xs: 1, md: 3 }} items={facts} />
        </Card>
        <Card
          title={t('organisations:detail.usersTitle')}
          className="review-card"
          extra={
            <Button type="primary" icon={<UserAddOutlined aria-hidden />} onClick={() => setAdding(true)}>
              {t('organisations:detail.addUser')}
            </Button>
          }
        >
          <Table<User>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={users}
            pagination={false}
            locale={{ emptyText: <Empty description={t('organisations:detail.noUsers')} /> }}
          />
        </Card>
      </div>
      <AddUserModal
        organisationId={organisation.id}
        open={adding}
        onCancel={() => setAdding(false)}
        onCreated={(answer) => {
          setAdding(false);
          setCreated(answer);
          record.reload();
        }}
      />
      <InitialPasswordModal created={created} onClose={() => setCreated(undefined)} />
    </div>
  );
}
