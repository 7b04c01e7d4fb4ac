import { useCallback } from 'react';
import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listPeople, type ReportedPerson } from '#shared/api/agency';
import { useServices } from '../../app/services.ts';
import { useLanguage } from '../../i18n/language.ts';
import { HouseCode } from '../landlord/parts.tsx';
import { LoadMore, usePagedList } from '../paged-list.tsx';
import { Row } from '../residence/declare/steps.tsx';
import { AddressText } from '../residence/parts.tsx';
import { EmptyState, LoadError, LoadingBlock } from '../residence/states.tsx';
import { formatDay, formatMoment } from '../residence/words.ts';
import { eventLabel } from './words.ts';

/** 人员名单: the people the organisation has reported, newest report first, ID numbers masked. */
export default function PeoplePage() {
  const { t } = useTranslation();
  const { call } = useServices();
  const first = useCallback((signal: AbortSignal) => call(listPeople, { query: {}, signal }), [call]);
  const next = useCallback((cursor: string) => call(listPeople, { query: { cursor } }), [call]);
  const { state, loadMore, retry } = usePagedList<ReportedPerson>(first, next);

  if (state.status === 'loading') return <LoadingBlock lines={6} />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  if (state.items.length === 0) {
    return (
      <div className="rs-page">
        <EmptyState title={t('agency:people.emptyTitle')} description={t('agency:people.emptyDescription')}>
          <Link className="adm-button adm-button-primary adm-button-large rs-link-button" to="/agency/uploads/new">
            {t('agency:home.newUpload')}
          </Link>
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="rs-page">
      <ul className="rs-cards" aria-label={t('agency:people.label')}>
        {state.items.map((person) => (
          <li key={person.id} data-testid="agency-person">
            <PersonCard person={person} />
          </li>
        ))}
      </ul>
      <LoadMore state={state} onMore={loadMore} label={t('agency:people.more')} className="rs-actions" />
    </div>
  );
}

function PersonCard({ person }: { person: ReportedPerson }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const late = person.report.filing === 'late';
  return (
    <article className={late ? 'rs-card ag-person ag-person-late' : 'rs-card ag-person'} aria-labelledby={`ag-person-${person.id}`}>
      <div className="rs-item-head">
        <strong id={`ag-person-${person.id}`} className="ag-person-name">
          <bdi>{person.name}</bdi>
        </strong>
        <Tag color="primary" fill="outline" className="rs-status">
          {eventLabel(t, person.event)}
        </Tag>
        <span className="rs-field-note">{formatDay(person.date, language, t)}</span>
      </div>
      <dl className="rs-facts">
        <Row label={t('agency:people.citizenId')}>
          <bdi dir="ltr" className="rs-code">
            {person.citizenId}
          </bdi>
        </Row>
        <Row label={t('agency:people.phone')}>
          <bdi dir="ltr">{person.phone}</bdi>
        </Row>
        {person.houseCode ? (
          <Row label={t('agency:people.houseCode')}>
            <HouseCode code={person.houseCode} />
          </Row>
        ) : (
          person.place && (
            <Row label={t('agency:people.place')}>
              <AddressText path={person.place.path} detail={person.place.detail} />
            </Row>
          )
        )}
        {person.workplace && (
          <Row label={t('agency:people.workplace')}>
            <bdi>{person.workplace}</bdi>
          </Row>
        )}
        <Row label={t('agency:people.deadline')}>
          <span className="ag-deadline">
            {person.report.lastDay ? t('agency:people.lastDay', { date: formatDay(person.report.lastDay, language, t) }) : t('agency:people.noDeadline')}{' '}
            {person.report.lastDay && (
              <Tag color={late ? 'danger' : 'success'} fill="solid" className="ag-filing-tag">
                {late ? t('agency:people.late') : t('agency:people.onTime')}
              </Tag>
            )}
          </span>
        </Row>
      </dl>
      <p className="rs-field-note">{t('agency:people.filed', { time: formatMoment(person.filedAt, language, t) })}</p>
    </article>
  );
}
