/** The pieces the landlord's pages share: a house's address and code, a tenancy's status, deadlines, duties and fines. */
import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { House, ReportView, Tenancy } from '#shared/api/landlord';
import { houseAddressDetail, printedHouseCode, type TenancyStatus } from '#shared/landlord/house';
import type { FineRule } from '#shared/policy/schema';
import { useLanguage } from '../../i18n/language.ts';
import { Row } from '../residence/declare/steps.tsx';
import { AddressText, CitationDetails, CitationsDetails } from '../residence/parts.tsx';
import { formatDay } from '../residence/words.ts';
import { deadlineLines, dutyLines, fineWords, reportCitations, reportDeadlineWords, tenancyStatusLabel } from './words.ts';

type Addressed = Pick<House, 'address' | 'building' | 'unit' | 'room'>;

/** A house's address with its building, unit and room. */
export function HouseAddress({ house }: { house: Addressed }) {
  return <AddressText path={house.address.path} detail={houseAddressDetail(house)} />;
}

/** A house code as printed on the poster, `FW 7KQ3 M9A2`, read left to right in any language. */
export function HouseCode({ code, large }: { code: string; large?: boolean }) {
  return (
    <bdi dir="ltr" className={large ? 'rs-reference rs-reference-large' : 'rs-reference'}>
      {printedHouseCode(code)}
    </bdi>
  );
}

const STATUS_COLORS: Record<TenancyStatus, 'primary' | 'warning' | 'success' | 'default' | 'danger'> = {
  awaitingTenant: 'primary',
  awaitingLandlord: 'warning',
  active: 'success',
  declined: 'danger',
  ended: 'default',
};

export function TenancyStatusTag({ status }: { status: TenancyStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} fill="outline" className="rs-status">
      {tenancyStatusLabel(t, status)}
    </Tag>
  );
}

/** "已逾期" in red: a request unanswered past its deadline, or a report due and not filed. */
export function OverdueTag() {
  const { t } = useTranslation();
  return (
    <Tag color="danger" fill="solid" className="ll-overdue-tag">
      {t('landlord:overdue')}
    </Tag>
  );
}

/** "已住 3 / 最多 4 人", with a warning when the house holds more than its maximum. */
export function Occupancy({ occupancy }: { occupancy: House['occupancy'] }) {
  const { t } = useTranslation();
  return (
    <span className={occupancy.overCapacity ? 'll-occupancy ll-occupancy-over' : 'll-occupancy'}>
      {t('landlord:occupancy.count', { occupants: String(occupancy.occupants), max: String(occupancy.maxOccupants) })}
      {occupancy.overCapacity && (
        <>
          {' '}
          <Tag color="danger" fill="solid">
            {t('landlord:occupancy.over')}
          </Tag>
        </>
      )}
    </span>
  );
}

/** The over-occupancy warning: a warning, never a refusal. */
export function OverCapacityWarning({ occupants, maxOccupants }: { occupants: number; maxOccupants: number }) {
  const { t } = useTranslation();
  return (
    <div className="rs-banner rs-banner-warning" role="status">
      <p>{t('landlord:occupancy.warning', { occupants: String(occupants), max: String(maxOccupants) })}</p>
    </div>
  );
}

/**
 * A report's deadline: "最迟 2026年11月26日报告" and whether it is on time ("按时" / "已逾期"), with
 * the regulation's words.
 */
export function ReportDeadline({ report, tense }: { report: ReportView; tense: 'preview' | 'filed' }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const lines = deadlineLines(report, language, t);
  return (
    <div className={`ll-deadline ll-deadline-${report.filing}`}>
      <p className="ll-deadline-text">
        <ReportDeadlineLine report={report} tense={tense} />
      </p>
      {lines.length > 1 && (
        <ul className="ll-deadline-lines">
          {lines.map((line, index) => (
            <li key={index} className={line.late ? 'll-late' : undefined}>
              {t('landlord:deadline.line', { duty: line.duty, date: line.date })}
            </li>
          ))}
        </ul>
      )}
      {report.deadlines.length > 0 && <CitationsDetails citations={reportCitations(report)} />}
    </div>
  );
}

/** A report's deadline in one line, for a summary: "最迟 2026年11月26日 报告 · 按时". */
export function ReportDeadlineLine({ report, tense }: { report: ReportView; tense: 'preview' | 'filed' }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const words = reportDeadlineWords(report, tense, language, t);
  return (
    <span className="ll-deadline-line">
      {words.text}
      {words.status && (
        <>
          {' · '}
          <span className={words.filing === 'late' ? 'll-late' : 'll-on-time'}>{words.status}</span>
        </>
      )}
    </span>
  );
}

/** The landlord's duties at the house, from its pack, each with its citation. */
export function DutiesList({ duties }: { duties: House['duties'] }) {
  const { t } = useTranslation();
  const lines = dutyLines(duties, t);
  if (lines.length === 0) return <p className="rs-field-note">{t('landlord:duties.none')}</p>;
  return (
    <ul className="ll-rules">
      {lines.map((line) => (
        <li key={line.duty}>
          <p className="ll-rule-text">{line.text}</p>
          <CitationDetails citation={line.citation} />
        </li>
      ))}
    </ul>
  );
}

/** What a missed or late report can cost, as the pack states it; that it sets no fine when it sets none. */
export function FinesList({ fines }: { fines: readonly FineRule[] }) {
  const { t } = useTranslation();
  const words = fineWords(fines, t);
  if (words.length === 0) return <p className="ll-rule-text">{t('landlord:fines.none')}</p>;
  return (
    <ul className="ll-rules">
      {words.map((fine, index) => (
        <li key={index}>
          <p className="ll-rule-label">{fine.offence}</p>
          <ul className="ll-facts">
            {fine.facts.map((fact, factIndex) => (
              <li key={factIndex}>{fact}</li>
            ))}
          </ul>
          <CitationDetails citation={fine.citation} />
        </li>
      ))}
    </ul>
  );
}

/** A tenancy's room and dates, as rows of a `<dl className="rs-facts">`. */
export function TenancyFacts({ tenancy }: { tenancy: Pick<Tenancy, 'room' | 'moveInDate' | 'moveOutDate'> }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <>
      {tenancy.room && (
        <Row label={t('landlord:report.room')}>
          <bdi>{tenancy.room}</bdi>
        </Row>
      )}
      <Row label={t('landlord:report.moveInDate')}>{formatDay(tenancy.moveInDate, language, t)}</Row>
      {tenancy.moveOutDate && <Row label={t('landlord:house.moveOutDate')}>{formatDay(tenancy.moveOutDate, language, t)}</Row>}
    </>
  );
}
