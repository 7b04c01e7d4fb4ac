import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, List, Space, Table, Tag, Typography, type DescriptionsProps } from 'antd';
import { CheckOutlined, CloseOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { getStationHouse, verifyTenancy, type HouseRecord } from '#shared/api/house-watch';
import type { StayStatement, Tenancy } from '#shared/api/landlord';
import { HOUSE_CODE_PATTERN, SAFETY_ITEMS } from '#shared/landlord/house';
import { confirmationLastDay } from '#shared/landlord/reporting';
import type { FineRule } from '#shared/policy/schema';
import { ApiError, messageOf } from '../../api/errors.ts';
import { useLoad } from '../../app/load.ts';
import { useServices } from '../../app/services.ts';
import { formatList } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/language.ts';
import { fineFacts } from '../../portal/guide/fines.ts';
import { CitationText, none, placeText } from '../review/DeclarationSections.tsx';
import { formatInstant } from '../review/format.ts';
import { Ltr } from '../review/Ltr.tsx';
import { HistoryTimeline } from '../review/HistoryTimeline.tsx';
import { RecordMissing, RecordPending, RecordRefreshing, useBackToList } from '../review/RecordStates.tsx';
import { FilingCell, OccupancyCell, TenancyStatusTag } from './HouseParts.tsx';
import { housesPath } from './paths.ts';
import { canVerify } from './rules.ts';
import { VerifyModal } from './VerifyModal.tsx';

/** A house of the station: where it is, who owns it, who lives there and since when, and its history. */
export function HousePage() {
  const { id = '' } = useParams();
  if (!HOUSE_CODE_PATTERN.test(id)) return <RecordMissing namespace="houseWatch" listPath={housesPath} />;
  return <House key={id} id={id} />;
}

function House({ id }: { id: string }) {
  const { t } = useTranslation(['houseWatch']);
  const { call } = useServices();
  const { backButton } = useBackToList('houseWatch', housesPath);
  const house = useLoad((signal) => call(getStationHouse, { params: { id }, signal }), [call, id]);

  if (house.data === undefined) return <RecordPending loaded={house} namespace="houseWatch" back={backButton} listPath={housesPath} />;
  const record = house.data;

  return (
    <div className="review-detail">
      <div className="review-detail-top">{backButton}</div>
      <header className="review-page-head review-detail-head">
        <div className="review-detail-heading">
          <Typography.Title level={2} className="office-page-title review-title">
            {t('houseWatch:detail.title')} <Ltr mono>{record.id}</Ltr>
          </Typography.Title>
          <Space wrap size={8}>
            <Tag>{t(`houseWatch:houseTypes.${record.type}`)}</Tag>
            <OccupancyCell occupancy={record.occupancy} />
            <Typography.Text type="secondary">{record.station.name}</Typography.Text>
          </Space>
        </div>
      </header>
      {house.loading && <RecordRefreshing namespace="houseWatch" />}
      <HouseSections record={record} onChanged={house.reload} />
    </div>
  );
}

function HouseSections({ record, onChanged }: { record: HouseRecord; onChanged(): void }) {
  const { t } = useTranslation(['houseWatch', 'review', 'policy', 'guide']);
  const { occupancy } = record;

  const houseItems: DescriptionsProps['items'] = [
    { key: 'address', label: t('houseWatch:house.address'), span: 3, children: placeText(record.address) },
    { key: 'building', label: t('houseWatch:house.building'), children: record.building ? <bdi>{record.building}</bdi> : none },
    { key: 'unit', label: t('houseWatch:house.unit'), children: record.unit ? <bdi>{record.unit}</bdi> : none },
    { key: 'room', label: t('houseWatch:house.room'), children: record.room ? <bdi>{record.room}</bdi> : none },
    { key: 'type', label: t('houseWatch:house.type'), children: t(`houseWatch:houseTypes.${record.type}`) },
    { key: 'rooms', label: t('houseWatch:house.rooms'), children: <Ltr>{record.rooms}</Ltr> },
    { key: 'maxOccupants', label: t('houseWatch:house.maxOccupants'), children: <Ltr>{record.maxOccupants}</Ltr> },
    {
      key: 'safety',
      label: t('houseWatch:house.safety'),
      span: 3,
      children: (
        <span className="houses-tags">
          {SAFETY_ITEMS.map((item) =>
            record.safety[item] ? (
              <Tag key={item} color="success" icon={<CheckOutlined aria-hidden />}>
                {t(`houseWatch:safety.present.${item}`)}
              </Tag>
            ) : (
              <Tag key={item} color="warning" icon={<CloseOutlined aria-hidden />}>
                {t(`houseWatch:safety.missing.${item}`)}
              </Tag>
            ),
          )}
        </span>
      ),
    },
    { key: 'pack', label: t('houseWatch:house.pack'), children: t(`policy:packs.${record.packId}`) },
    { key: 'registered', label: t('houseWatch:house.registeredAt'), children: <Ltr>{formatInstant(record.createdAt)}</Ltr> },
    { key: 'updated', label: t('houseWatch:house.updatedAt'), children: <Ltr>{formatInstant(record.updatedAt)}</Ltr> },
  ];

  const landlordItems: DescriptionsProps['items'] = [
    { key: 'name', label: t('houseWatch:landlord.name'), children: <bdi className="review-name">{record.landlord.name}</bdi> },
    { key: 'phone', label: t('houseWatch:landlord.phone'), children: <Ltr mono>{record.landlord.phoneMasked}</Ltr> },
    {
      key: 'agents',
      label: t('houseWatch:landlord.agents'),
      span: 3,
      children:
        record.agents.length === 0 ? (
          <Typography.Text type="secondary">{t('houseWatch:landlord.noAgents')}</Typography.Text>
        ) : (
          <List
            size="small"
            className="houses-agents"
            dataSource={record.agents}
            renderItem={(agent) => (
              <List.Item key={agent.id}>
                <Ltr mono>{agent.phoneMasked}</Ltr>
                <Typography.Text type="secondary">
                  {t('houseWatch:landlord.agentSince')} <Ltr>{formatInstant(agent.addedAt)}</Ltr>
                </Typography.Text>
              </List.Item>
            )}
          />
        ),
    },
  ];

  return (
    <div className="review-sections">
      {occupancy.overCapacity && (
        <Alert
          type="warning"
          showIcon
          title={t('houseWatch:occupancy.overTitle', { occupants: occupancy.occupants, max: occupancy.maxOccupants })}
          description={t('houseWatch:occupancy.overDescription')}
        />
      )}

      <Card title={t('houseWatch:sections.house')} className="review-card">
        <Descriptions bordered size="small" column={3} items={houseItems} />
      </Card>

      <Card title={t('houseWatch:sections.landlord')} className="review-card">
        <Descriptions bordered size="small" column={3} items={landlordItems} />
      </Card>

      <Card
        title={t('houseWatch:sections.tenancies', { count: record.tenancies.length })}
        extra={
          <Typography.Text type={occupancy.overCapacity ? 'danger' : 'secondary'}>
            {t('houseWatch:occupancy.summary', { occupants: occupancy.occupants, max: occupancy.maxOccupants })}
          </Typography.Text>
        }
        className="review-card"
      >
        <Tenancies items={record.tenancies} onChanged={onChanged} />
      </Card>

      <Card title={t('houseWatch:sections.events')} className="review-card">
        <HouseEvents items={record.events} t={t} />
      </Card>

      <Card title={t('houseWatch:sections.fines')} className="review-card">
        <Fines items={record.fines} t={t} />
      </Card>
    </div>
  );
}

function Tenancies({ items, onChanged }: { items: Tenancy[]; onChanged(): void }) {
  const { t } = useTranslation(['houseWatch']);
  const { call } = useServices();
  const { message, notification } = App.useApp();
  // The tenancy whose verification form is open, and whether it is being sent.
  const [chosen, setChosen] = useState<Tenancy>();
  const [verifying, setVerifying] = useState(false);
  const [failure, setFailure] = useState<string>();

  function close() {
    setChosen(undefined);
    setFailure(undefined);
  }

  async function verify(tenancy: Tenancy, stay: StayStatement) {
    setVerifying(true);
    setFailure(undefined);
    try {
      await call(verifyTenancy, { params: { id: tenancy.id }, body: { ...stay, version: tenancy.version } });
      message.success(t('houseWatch:verify.done', { name: tenancy.tenant.name }));
      close();
      onChanged();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        // The tenant confirmed, the landlord moved them out, or a colleague verified first.
        notification.warning({ title: t('houseWatch:verify.changedTitle'), description: t('houseWatch:verify.changedDescription'), placement: 'top' });
        close();
        onChanged();
      } else setFailure(messageOf(error, t));
    } finally {
      setVerifying(false);
    }
  }

  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('houseWatch:tenancies.none')} />;
  return (
    <>
      <VerifyModal
        name={chosen?.tenant.name}
        sending={verifying}
        failure={failure}
        onSubmit={(stay) => {
          if (chosen) void verify(chosen, stay);
        }}
        onCancel={close}
      />
      <Table<Tenancy>
        rowKey="id"
        size="small"
        className="houses-tenancies"
        // Longer column titles (Uyghur) scroll inside the card rather than widen the page.
        scroll={{ x: 'max-content' }}
        pagination={false}
        dataSource={items}
        expandable={{ expandedRowRender: (tenancy) => <TenancyHistory tenancy={tenancy} />, columnTitle: t('houseWatch:tenancies.history') }}
        columns={[
          {
            key: 'tenant',
            title: t('houseWatch:tenancies.tenant'),
            render: (_, tenancy) => (
              <span className="houses-person">
                <span className="houses-tags">
                  <bdi className="review-name">{tenancy.tenant.name}</bdi>
                  {!tenancy.tenant.hasAccount && <Tag>{t('houseWatch:tenancies.pendingPerson')}</Tag>}
                </span>
                {tenancy.room && (
                  <Typography.Text type="secondary">
                    {t('houseWatch:tenancies.room')} <bdi>{tenancy.room}</bdi>
                  </Typography.Text>
                )}
              </span>
            ),
          },
          { key: 'citizenId', title: t('houseWatch:tenancies.citizenId'), render: (_, tenancy) => <Ltr mono>{tenancy.tenant.citizenIdMasked}</Ltr> },
          { key: 'moveIn', title: t('houseWatch:tenancies.moveIn'), render: (_, tenancy) => <Ltr>{tenancy.moveInDate}</Ltr> },
          { key: 'moveOut', title: t('houseWatch:tenancies.moveOut'), render: (_, tenancy) => (tenancy.moveOutDate ? <Ltr>{tenancy.moveOutDate}</Ltr> : none) },
          {
            key: 'status',
            title: t('houseWatch:tenancies.status'),
            render: (_, tenancy) => (
              <span className="houses-status">
                <span className="houses-tags">
                  <TenancyStatusTag status={tenancy.status} />
                  {tenancy.overdue && <Tag color="error">{t('houseWatch:tenancies.overdue')}</Tag>}
                </span>
                <Typography.Text type="secondary">{t(`houseWatch:startedBy.${tenancy.startedBy}`)}</Typography.Text>
                {tenancy.confirmBy && (
                  <Typography.Text type="secondary">
                    {t('houseWatch:tenancies.confirmBy')} <Ltr>{confirmationLastDay(tenancy.confirmBy)}</Ltr>
                  </Typography.Text>
                )}
              </span>
            ),
          },
          { key: 'moveInReport', title: t('houseWatch:tenancies.moveInReport'), render: (_, tenancy) => <FilingCell report={tenancy.moveInReport} /> },
          {
            key: 'moveOutReport',
            title: t('houseWatch:tenancies.moveOutReport'),
            render: (_, tenancy) => (tenancy.moveOutReport ? <FilingCell report={tenancy.moveOutReport} /> : none),
          },
          {
            key: 'actions',
            title: t('houseWatch:tenancies.actions'),
            render: (_, tenancy) =>
              canVerify(tenancy) ? (
                <Button
                  size="small"
                  type="primary"
                  icon={<SafetyCertificateOutlined aria-hidden />}
                  loading={verifying && chosen?.id === tenancy.id}
                  disabled={verifying && chosen?.id !== tenancy.id}
                  onClick={() => setChosen(tenancy)}
                >
                  {t('houseWatch:verify.action')}
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );
}

const TENANCY_EVENT_COLORS: Record<Tenancy['history'][number]['event'], string> = {
  reportedByLandlord: 'blue',
  requestedByTenant: 'blue',
  confirmedByLandlord: 'green',
  confirmedByTenant: 'green',
  verifiedByOfficer: 'green',
  declinedByLandlord: 'red',
  declinedByTenant: 'red',
  referredToOffice: 'orange',
  movedOut: 'gray',
};

function TenancyHistory({ tenancy }: { tenancy: Tenancy }) {
  const { t } = useTranslation(['houseWatch']);
  return (
    <HistoryTimeline
      className="review-history houses-history"
      lines={tenancy.history.map((entry) => ({
        at: entry.at,
        color: TENANCY_EVENT_COLORS[entry.event],
        event: t(`houseWatch:tenancyEvents.${entry.event}`),
        actor: t(`houseWatch:actors.${entry.actor}`),
        ...(entry.note ? { note: { label: t('houseWatch:tenancies.note'), text: entry.note } } : {}),
      }))}
    />
  );
}

const HOUSE_FIELDS = ['detail', 'building', 'unit', 'room', 'type', 'rooms', 'maxOccupants', 'safety'] as const;

function HouseEvents({ items, t }: { items: HouseRecord['events']; t: TFunction }) {
  const { language } = useLanguage();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('houseWatch:events.none')} />;
  const fieldName = (field: string) => {
    const known = HOUSE_FIELDS.find((name) => name === field);
    return known ? t(`houseWatch:events.fields.${known}`) : field;
  };
  return (
    <HistoryTimeline
      lines={items.map((entry) => ({
        at: entry.at,
        color: entry.event === 'registered' ? 'green' : 'blue',
        event: t(`houseWatch:events.kinds.${entry.event}`),
        actor: t(`houseWatch:events.actors.${entry.actor}`),
        details: entry.fields && entry.fields.length > 0 && (
          <div>{t('houseWatch:events.changed', { fields: formatList(entry.fields.map(fieldName), language, t) })}</div>
        ),
      }))}
    />
  );
}

/** What the pack says a missed or late report can cost the landlord, with the article (never a figure of our own). */
function Fines({ items, t }: { items: FineRule[]; t: TFunction }) {
  if (items.length === 0) return <Typography.Paragraph className="review-flat">{t('houseWatch:fines.none')}</Typography.Paragraph>;
  return (
    <ul className="houses-fines">
      {items.map((fine) => (
        <li key={`${fine.party}-${fine.offence}-${fine.citation.article}`}>
          <Typography.Text strong>
            {t(`policy:parties.${fine.party}`)} · {t(`policy:offences.${fine.offence}`)}
          </Typography.Text>
          <ul className="houses-fine-facts">
            {fineFacts(fine, t).map((fact) => (
              <li key={fact}>{fact}</li>
            ))}
          </ul>
          <CitationText citation={fine.citation} />
        </li>
      ))}
    </ul>
  );
}

