import { Popover, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportView, Tenancy } from '#shared/api/landlord';
import type { Occupancy } from '#shared/landlord/house';
import { describeTimeRule, type Translate } from '#shared/policy/explain';
import { CitationText } from '../review/DeclarationSections.tsx';
import { Ltr } from '../review/Ltr.tsx';
import { formatInstant } from '../review/format.ts';
import { deadlineKind, filingOf } from './rules.ts';

/** A person on a list: the name, and under it a masked number (phone or ID number). */
export function NameAndNumber({ name, number }: { name: string; number: string }) {
  return (
    <span className="houses-person">
      <bdi className="review-name">{name}</bdi>
      {/* A landlord without 实名信息 is named by the masked phone: once is enough. */}
      {number !== name && <Ltr mono>{number}</Ltr>}
    </span>
  );
}

/** Occupants of the maximum (`3/4`), and a red tag when there are more. */
export function OccupancyCell({ occupancy }: { occupancy: Occupancy }) {
  const { t } = useTranslation(['houseWatch']);
  return (
    <span className="houses-tags">
      <Ltr>
        {occupancy.occupants}/{occupancy.maxOccupants}
      </Ltr>
      {occupancy.overCapacity && <Tag color="error">{t('houseWatch:occupancy.over')}</Tag>}
    </span>
  );
}

const STATUS_COLORS: Record<Tenancy['status'], string> = {
  awaitingTenant: 'gold',
  awaitingLandlord: 'gold',
  active: 'success',
  declined: 'default',
  ended: 'default',
};

export function TenancyStatusTag({ status }: { status: Tenancy['status'] }) {
  const { t } = useTranslation(['houseWatch']);
  return <Tag color={STATUS_COLORS[status]}>{t(`houseWatch:status.${status}`)}</Tag>;
}

const FILING_COLORS = { onTime: 'success', late: 'error', notFiled: 'default' } as const;

/**
 * A landlord's report: on time or late (or not filed yet), the last day of the deadline that
 * decides, and that deadline's rule and article on demand.
 */
export function FilingCell({ report }: { report: ReportView }) {
  const { t } = useTranslation(['houseWatch', 'review', 'policy']);
  const { state, deciding } = filingOf(report);
  return (
    <span className="houses-filing">
      <Tag color={FILING_COLORS[state]}>{t(`houseWatch:filing.${state}`)}</Tag>
      {deciding ? (
        <Popover
          title={t(`houseWatch:deadlines.${deadlineKind(deciding.path)}`)}
          content={
            <div className="houses-deadline">
              <Typography.Paragraph className="review-flat">{describeTimeRule(deciding.rule, t as unknown as Translate)}</Typography.Paragraph>
              <CitationText citation={deciding.citation} />
            </div>
          }
        >
          <button type="button" className="houses-last-day">
            {t('houseWatch:filing.lastDay')} <Ltr>{deciding.lastDay}</Ltr>
          </button>
        </Popover>
      ) : (
        <Typography.Text type="secondary">{t('houseWatch:filing.noDeadline')}</Typography.Text>
      )}
      {report.filedAt && (
        <Typography.Text type="secondary" className="houses-filed-at">
          {t('houseWatch:filing.filedAt')} <Ltr>{formatInstant(report.filedAt)}</Ltr>
        </Typography.Text>
      )}
    </span>
  );
}
