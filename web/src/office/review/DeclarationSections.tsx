import type { ReactNode } from 'react';
import { Card, Descriptions, Empty, Image, List, Table, Tag, Typography, type DescriptionsProps } from 'antd';
import { FileOutlined, FilePdfOutlined, WarningOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Child, DeadlineView, HistoryEntry, PlaceView } from '#shared/api/residence';
import type { DeclarationForReview } from '#shared/api/review';
import { confirmationLastDay } from '#shared/landlord/reporting';
import { describeTimeRule, type Translate } from '#shared/policy/explain';
import type { Citation } from '#shared/policy/schema';
import type { PolicyDocument } from '#shared/policy/vocabulary';
import { formatList } from '../../i18n/format.ts';
import { isolateLtr } from '../../i18n/bidi.ts';
import { useLanguage } from '../../i18n/language.ts';
import { housePath } from '../houses/paths.ts';
import { CitizenIdReveal } from './CitizenIdReveal.tsx';
import { formatInstant, formatSize } from './format.ts';
import { Ltr } from './Ltr.tsx';
import { HistoryTimeline } from './HistoryTimeline.tsx';
import { useCodes, type Codes } from './useCodes.ts';

/** An empty value. */
export const none = <Typography.Text type="secondary">—</Typography.Text>;

/** A place, named from province down, then its detail. */
export const placeText = (place: PlaceView) => (
  <span className="review-place">
    <bdi>{place.path.join(' ')}</bdi> <bdi>{place.detail}</bdi>
  </span>
);

/** Everything the officer checks before deciding, section by section. */
export function DeclarationSections({ declaration }: { declaration: DeclarationForReview }) {
  const { t } = useTranslation(['review', 'residence', 'policy']);
  const codes = useCodes();
  const { person } = declaration;

  const personItems: DescriptionsProps['items'] = [
    { key: 'name', label: t('review:person.name'), children: <bdi>{person.name}</bdi> },
    {
      key: 'citizenId',
      label: t('review:person.citizenId'),
      span: 2,
      children: <CitizenIdReveal key={declaration.id} declarationId={declaration.id} masked={person.citizenIdMasked} />,
    },
    { key: 'birthDate', label: t('review:person.birthDate'), children: <Ltr>{person.birthDate}</Ltr> },
    { key: 'sex', label: t('review:person.sex'), children: codes.sex(person.sex) },
    { key: 'ethnicity', label: t('review:person.ethnicity'), children: codes.ethnicity(person.ethnicity) },
    { key: 'phone', label: t('review:person.phone'), children: <Ltr mono>{person.phone}</Ltr> },
    { key: 'education', label: t('review:person.education'), children: codes.education(person.education) },
    { key: 'employment', label: t('review:person.employment'), children: codes.employment(person.employment) },
    { key: 'employer', label: t('review:person.employer'), children: person.employer ? <bdi>{person.employer}</bdi> : none },
    { key: 'hukou', label: t('review:person.hukou'), span: 2, children: placeText(person.hukou) },
  ];

  const residenceItems: DescriptionsProps['items'] = [
    { key: 'address', label: t('review:residence.address'), span: 3, children: placeText(declaration.address) },
    { key: 'moveIn', label: t('review:residence.moveIn'), children: <Ltr>{declaration.moveInDate}</Ltr> },
    { key: 'stay', label: t('review:residence.intendedStay'), children: codes.intendedStay(declaration.intendedStay) },
    {
      key: 'reason',
      label: t('review:residence.reason'),
      children: (
        <>
          {codes.reason(declaration.reason)}
          {declaration.reasonDetail && (
            <>
              {t('review:residence.reasonDetailSeparator')}
              <bdi>{declaration.reasonDetail}</bdi>
            </>
          )}
        </>
      ),
    },
    { key: 'housing', label: t('review:residence.housing'), children: codes.housing(declaration.housing) },
    {
      key: 'landlordPhone',
      label: t('review:residence.landlordPhone'),
      children: declaration.landlordPhone ? <Ltr mono>{declaration.landlordPhone}</Ltr> : none,
    },
    { key: 'submitted', label: t('review:residence.submittedAt'), children: <Ltr>{formatInstant(declaration.submittedAt)}</Ltr> },
  ];
  if (declaration.houseId) {
    residenceItems.push({
      key: 'house',
      label: t('review:residence.house'),
      children: (
        <Link to={housePath(declaration.houseId)}>
          <Ltr mono>{declaration.houseId}</Ltr>
        </Link>
      ),
    });
  }
  if (declaration.landlordConfirmation) {
    residenceItems.push({
      key: 'landlordConfirmation',
      label: t('review:residence.landlordConfirmation'),
      span: 2,
      children: <LandlordConfirmation confirmation={declaration.landlordConfirmation} t={t} />,
    });
  }
  if (declaration.changeOf) {
    residenceItems.push({ key: 'changeOf', label: t('review:residence.changeOf'), children: <Ltr mono>{declaration.changeOf}</Ltr> });
  }
  if (declaration.registeredAt) {
    residenceItems.push({
      key: 'registered',
      label: t('review:residence.registeredAt'),
      children: <Ltr>{formatInstant(declaration.registeredAt)}</Ltr>,
    });
  }
  if (declaration.movedOut) {
    residenceItems.push({ key: 'movedOut', label: t('review:residence.movedOut'), children: <Ltr>{declaration.movedOut.on}</Ltr> });
  }

  return (
    <div className="review-sections">
      <Card title={t('review:sections.person')} className="review-card">
        <Descriptions bordered size="small" column={3} items={personItems} />
      </Card>

      <Card title={t('review:sections.children', { count: declaration.children.length })} className="review-card">
        <Children items={declaration.children} codes={codes} t={t} />
      </Card>

      <Card title={t('review:sections.residence')} className="review-card">
        <Descriptions bordered size="small" column={3} items={residenceItems} />
      </Card>

      <Card title={t('review:sections.deadline')} className="review-card">
        <Deadline deadline={declaration.deadline} t={t} />
      </Card>

      <Card title={t('review:sections.documents')} className="review-card">
        <Documents items={declaration.documents} codes={codes} t={t} />
      </Card>

      <Card title={t('review:sections.history')} className="review-card">
        <History items={declaration.history} codes={codes} t={t} />
      </Card>
    </div>
  );
}

const CONFIRMATION_COLORS = { requested: 'gold', confirmed: 'success', declined: 'error', referred: 'orange' } as const;

/** The landlord's answer to the tenant's request: asked (until when), confirmed, declined with their reason, or referred here unanswered. */
function LandlordConfirmation({ confirmation, t }: { confirmation: NonNullable<DeclarationForReview['landlordConfirmation']>; t: TFunction }) {
  return (
    <span className="review-confirmation">
      <Tag color={CONFIRMATION_COLORS[confirmation.state]}>{t(`review:landlordConfirmation.${confirmation.state}`)}</Tag>
      {confirmation.state === 'requested' ? (
        <Typography.Text type="secondary">
          {t('review:landlordConfirmation.due')} <Ltr>{confirmationLastDay(confirmation.due)}</Ltr>
        </Typography.Text>
      ) : (
        confirmation.at && <Ltr>{formatInstant(confirmation.at)}</Ltr>
      )}
      {confirmation.reason && (
        <span>
          {t('review:landlordConfirmation.reason')}
          <bdi>{confirmation.reason}</bdi>
        </span>
      )}
    </span>
  );
}

function Children({ items, codes, t }: { items: Child[]; codes: Codes; t: TFunction }) {
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review:children.none')} />;
  return (
    <Table<Child>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items}
      columns={[
        { key: 'name', title: t('review:children.name'), render: (_, child) => <bdi>{child.name}</bdi> },
        {
          key: 'citizenId',
          title: t('review:children.citizenId'),
          render: (_, child) => (child.citizenIdMasked ? <Ltr mono>{child.citizenIdMasked}</Ltr> : none),
        },
        { key: 'birthDate', title: t('review:children.birthDate'), render: (_, child) => <Ltr>{child.birthDate}</Ltr> },
        { key: 'sex', title: t('review:children.sex'), render: (_, child) => (child.sex ? codes.sex(child.sex) : none) },
        { key: 'school', title: t('review:children.school'), render: (_, child) => codes.schoolStatus(child.schoolStatus) },
      ]}
    />
  );
}

const FILING_COLORS = { onTime: 'success', late: 'error', early: 'default' } as const;

/** An article a rule rests on: the regulation and article, and its words as written (Chinese). */
export function CitationText({ citation }: { citation: Citation }) {
  const { t } = useTranslation(['review', 'policy']);
  return (
    <div className="review-citation">
      <div>{t('review:deadline.source', { source: t(`policy:sources.${citation.source}`), article: citation.article })}</div>
      <blockquote className="review-quote" lang="zh-CN">
        {citation.quote}
      </blockquote>
    </div>
  );
}

interface DeadlineProps {
  deadline: DeadlineView | null;
  t: TFunction;
  /** The "in time?" row in the caller's words (label, and the deadline's filing state), or false for none. */
  filing?: { label: string; state: string } | false;
  /** Shown after the last day (the time left). */
  lastDayExtra?: ReactNode;
}

/** A legal time limit: its last day, the rule, the jurisdiction and the article it comes from. */
export function Deadline({ deadline, t, filing, lastDayExtra }: DeadlineProps) {
  const { language } = useLanguage();
  if (!deadline) return <Typography.Paragraph className="review-flat">{t('review:deadline.none')}</Typography.Paragraph>;
  const items: DescriptionsProps['items'] = [
    {
      key: 'lastDay',
      label: t('review:deadline.lastDay'),
      children: (
        <>
          <Ltr>{deadline.lastDay}</Ltr>
          {deadline.rolledFrom && (
            <Typography.Text type="secondary" className="review-aside">
              {t('review:deadline.rolledFrom', { date: isolateLtr(deadline.rolledFrom) })}
            </Typography.Text>
          )}
          {lastDayExtra && <span className="review-aside">{lastDayExtra}</span>}
        </>
      ),
    },
    ...(filing === false
      ? []
      : [
          {
            key: 'filing',
            label: filing?.label ?? t('review:deadline.filing'),
            children: <Tag color={FILING_COLORS[deadline.filing]}>{filing?.state ?? t(`review:deadline.filingStates.${deadline.filing}`)}</Tag>,
          },
        ]),
    {
      key: 'rule',
      label: t('review:deadline.rule'),
      children: describeTimeRule(deadline.rule, t as unknown as Translate),
    },
    { key: 'pack', label: t('review:deadline.pack'), children: t(`policy:packs.${deadline.packId}`) },
    {
      key: 'citation',
      label: t('review:deadline.citation'),
      span: 2,
      children: <CitationText citation={deadline.citation} />,
    },
  ];
  return (
    <>
      <Descriptions bordered size="small" column={2} items={items} />
      {deadline.assumedWeekendsOnly.length > 0 && (
        <Typography.Paragraph type="warning" className="review-note">
          {t('review:deadline.weekendsOnly', {
            years: formatList(deadline.assumedWeekendsOnly.map(String), language, t),
          })}
        </Typography.Paragraph>
      )}
    </>
  );
}

/** A stored document with its short-lived link, as the officer's screens list it; no link when it failed its integrity check. */
export interface ReviewDocument {
  id: string;
  kind: PolicyDocument;
  fileName: string;
  contentType: string;
  size: number;
  url?: string | undefined;
  integrity?: 'mismatch' | undefined;
}

/**
 * The documents with their links; images shown as thumbnails that open a preview. A document whose
 * bytes are not those submitted is listed without a link, with the reason.
 */
export function Documents({ items, codes, t }: { items: readonly ReviewDocument[]; codes: Codes; t: TFunction }) {
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review:documents.none')} />;
  return (
    <Image.PreviewGroup>
      <List
        className="review-documents"
        dataSource={items}
        renderItem={(doc) => {
          const isImage = doc.contentType.startsWith('image/');
          if (doc.url === undefined) {
            return (
              <List.Item key={doc.id} data-testid="review-document-integrity">
                <List.Item.Meta
                  avatar={
                    <span className="review-file-icon" aria-hidden="true">
                      <WarningOutlined aria-hidden />
                    </span>
                  }
                  title={codes.document(doc.kind)}
                  description={
                    <Typography.Text type="danger" role="alert">
                      {t('review:documents.integrityMismatch')}
                    </Typography.Text>
                  }
                />
              </List.Item>
            );
          }
          return (
            <List.Item
              key={doc.id}
              actions={[
                <a key="open" href={doc.url} target="_blank" rel="noopener noreferrer">
                  {t('review:documents.open')}
                </a>,
              ]}
            >
              <List.Item.Meta
                avatar={
                  isImage ? (
                    <Image
                      src={doc.url}
                      width={72}
                      height={72}
                      className="review-thumb"
                      alt={t('review:documents.imageAlt', { kind: codes.document(doc.kind) })}
                    />
                  ) : (
                    <span className="review-file-icon" aria-hidden="true">
                      {doc.contentType === 'application/pdf' ? <FilePdfOutlined aria-hidden /> : <FileOutlined aria-hidden />}
                    </span>
                  )
                }
                title={codes.document(doc.kind)}
                description={
                  <span>
                    <bdi>{doc.fileName}</bdi> · <Ltr>{formatSize(doc.size)}</Ltr>
                  </span>
                }
              />
            </List.Item>
          );
        }}
      />
    </Image.PreviewGroup>
  );
}

const EVENT_COLORS: Record<HistoryEntry['event'], string> = {
  submitted: 'blue',
  resubmitted: 'blue',
  returned: 'orange',
  verified: 'green',
  movedOut: 'gray',
  superseded: 'gray',
  reportedByLandlord: 'blue',
  confirmedByLandlord: 'green',
  confirmedByTenant: 'green',
  declinedByLandlord: 'red',
  referredToOffice: 'orange',
};

function History({ items, codes, t }: { items: HistoryEntry[]; codes: Codes; t: TFunction }) {
  const { language } = useLanguage();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review:history.none')} />;
  return (
    <HistoryTimeline
      lines={items.map((entry) => ({
        at: entry.at,
        color: EVENT_COLORS[entry.event],
        event: codes.event(entry.event),
        actor: codes.actor(entry.actor),
        details: entry.reasons && entry.reasons.length > 0 && (
          <div>{t('review:history.reasons', { reasons: formatList(entry.reasons.map(codes.returnReason), language, t) })}</div>
        ),
        ...(entry.note ? { note: { label: t('review:history.note'), text: entry.note } } : {}),
      }))}
    />
  );
}
