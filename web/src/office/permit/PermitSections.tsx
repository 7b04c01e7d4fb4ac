import { Card, Descriptions, Empty, Tag, Typography, type DescriptionsProps } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { PermitApplicationForReview } from '#shared/api/permit';
import { describeDuration, type Translate } from '#shared/policy/explain';
import type { ApplicationEvent } from '#shared/permit/lifecycle';
import { formatList } from '../../i18n/format.ts';
import { isolateLtr } from '../../i18n/bidi.ts';
import { useLanguage } from '../../i18n/language.ts';
import { Deadline, Documents, none, placeText } from '../review/DeclarationSections.tsx';
import { formatInstant } from '../review/format.ts';
import { Ltr } from '../review/Ltr.tsx';
import { HistoryTimeline } from '../review/HistoryTimeline.tsx';
import { useCodes } from '../review/useCodes.ts';
import { Citations } from './Citations.tsx';
import { DaysLeftTag } from './DaysLeftTag.tsx';

export type ForReview = z.infer<typeof PermitApplicationForReview>;

/** Everything the officer checks before deciding on a permit application, section by section. */
export function PermitSections({ application }: { application: ForReview }) {
  const { t } = useTranslation(['permitReview', 'review', 'residence', 'policy']);
  const codes = useCodes();
  const { person } = application;

  const personItems: DescriptionsProps['items'] = [
    { key: 'name', label: t('permitReview:person.name'), children: <bdi>{person.name}</bdi> },
    { key: 'citizenId', label: t('permitReview:person.citizenId'), children: <Ltr mono>{person.citizenIdMasked}</Ltr> },
    { key: 'birthDate', label: t('permitReview:person.birthDate'), children: <Ltr>{person.birthDate}</Ltr> },
    { key: 'sex', label: t('permitReview:person.sex'), children: person.sex ? codes.sex(person.sex) : none },
    { key: 'phone', label: t('permitReview:person.phone'), children: <Ltr mono>{person.phone}</Ltr> },
  ];

  const holderItems: DescriptionsProps['items'] = [
    { key: 'name', label: t('permitReview:holder.name'), children: <bdi>{application.holderName}</bdi> },
    {
      key: 'who',
      label: t('permitReview:holder.who'),
      children: application.holder === 'self' ? t('permitReview:holder.self') : t('permitReview:holder.child'),
    },
    { key: 'kind', label: t('permitReview:holder.kind'), children: t(`permitReview:kind.${application.kind}`) },
    {
      key: 'validity',
      label: t('permitReview:holder.validity'),
      children:
        application.validityYears !== undefined
          ? describeDuration({ amount: application.validityYears, unit: 'years' }, t as unknown as Translate)
          : t('permitReview:holder.noValidity'),
    },
    {
      key: 'charge',
      label: t('permitReview:holder.charge'),
      children: application.charge ? t(`permitReview:holder.charges.${application.charge}`) : none,
    },
  ];
  if (application.permitNumber) {
    holderItems.push({ key: 'number', label: t('permitReview:holder.number'), children: <Ltr mono>{application.permitNumber}</Ltr> });
  }

  const residenceItems: DescriptionsProps['items'] = [
    { key: 'address', label: t('permitReview:residence.address'), span: 3, children: placeText(application.address) },
    { key: 'pack', label: t('permitReview:residence.pack'), children: t(`policy:packs.${application.packId}`) },
    { key: 'station', label: t('permitReview:residence.station'), children: <bdi>{application.station.name}</bdi> },
    { key: 'submitted', label: t('permitReview:residence.submittedAt'), children: <Ltr>{formatInstant(application.submittedAt)}</Ltr> },
  ];
  if (application.acceptedAt) {
    residenceItems.push({
      key: 'accepted',
      label: t('permitReview:residence.acceptedAt'),
      children: <Ltr>{formatInstant(application.acceptedAt)}</Ltr>,
    });
  }

  return (
    <div className="review-sections">
      <Card title={t('permitReview:sections.person')} className="review-card">
        <Descriptions bordered size="small" column={3} items={personItems} />
      </Card>
      <Card title={t('permitReview:sections.holder')} className="review-card">
        <Descriptions bordered size="small" column={3} items={holderItems} />
      </Card>
      <Card title={t('permitReview:sections.residence')} className="review-card">
        <Descriptions bordered size="small" column={3} items={residenceItems} />
      </Card>
      <Card title={t('permitReview:sections.eligibility')} className="review-card">
        <Eligibility eligibility={application.eligibility} t={t} />
      </Card>
      {(application.issueBy || application.status === 'submitted') && (
        <Card title={t('permitReview:sections.issueBy')} className="review-card">
          <IssueBy application={application} t={t} />
        </Card>
      )}
      {(application.rejection || (application.status === 'returned' && application.corrections)) && (
        <Card title={t('permitReview:sections.decision')} className="review-card">
          <Decision application={application} t={t} />
        </Card>
      )}
      <Card title={t('permitReview:sections.documents')} className="review-card">
        <Documents items={application.documents} codes={codes} t={t} />
      </Card>
      <Card title={t('permitReview:sections.history')} className="review-card">
        <History items={application.history} t={t} />
      </Card>
    </div>
  );
}

const ELIGIBILITY_COLORS = { eligible: 'success', notYet: 'warning', missing: 'default', notEligible: 'error' } as const;

function Eligibility({ eligibility, t }: { eligibility: ForReview['eligibility']; t: TFunction }) {
  if (!eligibility) return <Typography.Paragraph className="review-flat">{t('permitReview:eligibility.none')}</Typography.Paragraph>;
  return (
    <div className="permit-eligibility">
      <div>
        <Tag color={ELIGIBILITY_COLORS[eligibility.status]}>{t(`permitReview:eligibility.status.${eligibility.status}`)}</Tag>
        {eligibility.on && <Typography.Text>{t('permitReview:eligibility.on', { date: isolateLtr(eligibility.on) })}</Typography.Text>}
      </div>
      {/* "Eligible" says it all; otherwise the engine says why, or what is missing. */}
      {eligibility.status !== 'eligible' && <Typography.Paragraph className="review-flat">{eligibility.reason}</Typography.Paragraph>}
      {eligibility.optional && <Typography.Paragraph type="secondary" className="review-flat">{t('permitReview:eligibility.optional')}</Typography.Paragraph>}
      <Citations items={eligibility.citations} />
    </div>
  );
}

function IssueBy({ application, t }: { application: ForReview; t: TFunction }) {
  const deadline = application.issueBy;
  if (!deadline) return <Typography.Paragraph className="review-flat">{t('permitReview:issueBy.notAccepted')}</Typography.Paragraph>;
  const working = deadline.rule.kind === 'after' && deadline.rule.within.unit === 'workingDays';
  const waiting = application.status === 'accepted' && application.daysLeft !== undefined;
  return (
    <Deadline
      deadline={deadline}
      t={t}
      // Whether it was issued in time is known once it is issued.
      filing={
        application.status === 'issued' && {
          label: t('permitReview:issueBy.filing'),
          state: t(`permitReview:issueBy.filingStates.${deadline.filing}`),
        }
      }
      lastDayExtra={waiting && <DaysLeftTag days={application.daysLeft!} working={working} />}
    />
  );
}

function Decision({ application, t }: { application: ForReview; t: TFunction }) {
  const { language } = useLanguage();
  const { rejection, corrections } = application;
  if (rejection) {
    return (
      <div className="permit-eligibility">
        <div>
          <Typography.Text strong>{t('permitReview:decision.reasons')}</Typography.Text>{' '}
          {formatList(rejection.reasons.map((r) => t(`permitReview:rejectionReasons.${r}`)), language, t)}
        </div>
        {rejection.note && (
          <div className="review-history-note">
            {t('permitReview:decision.note')}
            <bdi>{rejection.note}</bdi>
          </div>
        )}
        <Typography.Text strong>{t('permitReview:decision.citations')}</Typography.Text>
        <Citations items={rejection.citations} />
      </div>
    );
  }
  return (
    <div>
      <Typography.Text strong>{t('permitReview:decision.corrections')}</Typography.Text>{' '}
      {formatList((corrections ?? []).map((c) => t(`permitReview:corrections.${c}`)), language, t)}
    </div>
  );
}

const EVENT_COLORS: Record<ApplicationEvent, string> = {
  submitted: 'blue',
  resubmitted: 'blue',
  accepted: 'blue',
  returned: 'orange',
  approved: 'green',
  issued: 'green',
  rejected: 'red',
};

function History({ items, t }: { items: ForReview['history']; t: TFunction }) {
  const { language } = useLanguage();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <HistoryTimeline
      lines={items.map((entry) => ({
        at: entry.at,
        color: EVENT_COLORS[entry.event],
        event: t(`permitReview:event.${entry.event}`),
        actor: t(`permitReview:actor.${entry.actor}`),
        details: (
          <>
            {entry.corrections && entry.corrections.length > 0 && (
              <div>
                {t('permitReview:decision.corrections')}{' '}
                {formatList(entry.corrections.map((c) => t(`permitReview:corrections.${c}`)), language, t)}
              </div>
            )}
            {entry.reasons && entry.reasons.length > 0 && (
              <div>
                {t('permitReview:decision.reasons')} {formatList(entry.reasons.map((r) => t(`permitReview:rejectionReasons.${r}`)), language, t)}
              </div>
            )}
          </>
        ),
        ...(entry.note ? { note: { label: t('permitReview:decision.note'), text: entry.note } } : {}),
      }))}
    />
  );
}
