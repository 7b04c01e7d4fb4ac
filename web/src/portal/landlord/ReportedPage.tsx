import { useState } from 'react';
import { CheckCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { reportTenants } from '#shared/api/landlord';
import type { CallOutput } from '../../api/client.ts';
import { useLanguage } from '../../i18n/language.ts';
import { Row } from '../residence/declare/steps.tsx';
import { formatDay } from '../residence/words.ts';
import { OverCapacityWarning, ReportDeadline, TenancyStatusTag } from './parts.tsx';
import { reportedKey } from './report-draft.ts';

type Answer = CallOutput<typeof reportTenants>;

function storedAnswer(code: string): Answer | undefined {
  try {
    const text = sessionStorage.getItem(reportedKey(code));
    const parsed = text ? reportTenants.response.safeParse(JSON.parse(text)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** After a move-in report: each tenant with their reference, waiting for them to confirm, and whether it was on time. */
export default function ReportedPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { code = '' } = useParams();
  const [answer] = useState(() => storedAnswer(code));

  return (
    <div className="rs-page rs-declared">
      <section className="rs-done" aria-labelledby="ll-reported-title">
        <CheckCircleFill className="rs-done-icon" aria-hidden="true" />
        <h2 id="ll-reported-title" className="rs-done-title">
          {t('landlord:reported.title')}
        </h2>
        {answer && <p className="rs-field-note">{t('landlord:reported.lead', { n: String(answer.tenancies.length) })}</p>}
      </section>

      {answer?.occupancy.overCapacity && <OverCapacityWarning occupants={answer.occupancy.occupants} maxOccupants={answer.occupancy.maxOccupants} />}

      {answer && (
        <ul className="rs-cards" aria-label={t('landlord:reported.listLabel')}>
          {answer.tenancies.map((tenancy) => (
            <li key={tenancy.id} className="rs-card">
              <div className="rs-item-head">
                <strong className="ll-tenant-title">
                  <bdi>{tenancy.tenant.name}</bdi>
                </strong>
                <TenancyStatusTag status={tenancy.status} />
              </div>
              <dl className="rs-facts">
                <Row label={t('landlord:house.reference')}>
                  <bdi dir="ltr" className="rs-reference">
                    {tenancy.id}
                  </bdi>
                </Row>
                <Row label={t('landlord:report.moveInDate')}>{formatDay(tenancy.moveInDate, language, t)}</Row>
              </dl>
              <ReportDeadline report={tenancy.moveInReport} tense="filed" />
            </li>
          ))}
        </ul>
      )}

      <section className="rs-card" aria-labelledby="ll-reported-next">
        <h3 id="ll-reported-next" className="rs-card-title">
          {t('residence:declared.nextTitle')}
        </h3>
        <ol className="rs-next">
          <li>{t('landlord:reported.next1')}</li>
          <li>{t('landlord:reported.next2')}</li>
        </ol>
      </section>

      <div className="rs-actions">
        <Link className="adm-button adm-button-primary adm-button-large adm-button-block rs-link-button" to={`/houses/${code}`}>
          {t('landlord:registered.view')}
        </Link>
        <Link className="adm-button adm-button-default adm-button-large adm-button-block rs-link-button" to={`/houses/${code}/report`}>
          {t('landlord:reported.more')}
        </Link>
      </div>
    </div>
  );
}
