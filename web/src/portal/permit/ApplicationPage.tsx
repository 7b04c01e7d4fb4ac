import { CheckCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { getPermitApplication, type PermitApplication } from '#shared/api/permit';
import { useLoadState } from '../../app/load.ts';
import { useServices } from '../../app/services.ts';
import { isolate } from '../../i18n/bidi.ts';
import { useLanguage } from '../../i18n/language.ts';
import { Row } from '../residence/declare/steps.tsx';
import { AddressText, Reference } from '../residence/parts.tsx';
import { LoadError, LoadingBlock } from '../residence/states.tsx';
import { formatMoment, formatSize } from '../residence/words.ts';
import { ApplicationStatusTag, Citations, DeadlineLine, LinkButton, Section } from './parts.tsx';
import { progressOf } from './rules.ts';
import { documentName, permitCode, yearsText } from './words.ts';

function useApplication() {
  const { call } = useServices();
  const { language } = useLanguage();
  const { id = '' } = useParams();
  return useLoadState((signal) => call(getPermitApplication, { params: { id }, signal }), `${id}|${language}`);
}

/** One application: where it stands on its road to the card, what to correct or why it was refused, its data and history. */
export default function ApplicationPage() {
  const { state, retry } = useApplication();
  if (state.status === 'loading') return <LoadingBlock lines={8} />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  return <Detail application={state.value} />;
}

/** After submitting (an application, a renewal or a replacement): the reference number, large, and what happens next. */
export function AppliedPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const { state, retry } = useApplication();
  if (state.status === 'loading') return <LoadingBlock />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  const a = state.value;
  const resubmitted = search.get('resubmitted') === '1';
  return (
    <div className="rs-page rs-declared">
      <section className="rs-done" aria-labelledby="pm-done-title" data-testid="permit-applied">
        <CheckCircleFill className="rs-done-icon" aria-hidden="true" />
        <h2 id="pm-done-title" className="rs-done-title">
          {resubmitted ? t('permit:applied.resubmittedTitle') : t(`permit:applied.title.${a.kind}`)}
        </h2>
        <p className="rs-done-label">{t('permit:application.reference')}</p>
        <p className="rs-done-reference" data-testid="permit-reference">
          <Reference id={a.id} large />
        </p>
        <p className="rs-field-note">{t('permit:applied.keep')}</p>
      </section>
      {a.charge && (
        <section className="rs-card">
          <dl className="rs-facts">
            <Row label={t('permit:application.charge')}>{permitCode(t, 'charges', a.charge)}</Row>
          </dl>
        </section>
      )}
      <Section title={t('permit:applied.nextTitle')}>
        <ol className="rs-next">
          <li>{t('permit:applied.next1', { station: isolate(a.station.name) })}</li>
          <li>{t('permit:applied.next2')}</li>
          <li>{t('permit:applied.next3')}</li>
        </ol>
      </Section>
      <div className="rs-actions">
        <LinkButton to={`/permit/applications/${a.id}`} primary testId="permit-view-application">
          {t('permit:applied.view')}
        </LinkButton>
        <LinkButton to="/permit">{t('permit:backToPermit')}</LinkButton>
      </div>
    </div>
  );
}

function Detail({ application }: { application: PermitApplication }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const a = application;
  const moment = (instant: string) => formatMoment(instant, language, t);
  const returned = a.status === 'returned' ? [...a.history].reverse().find((entry) => entry.event === 'returned') : undefined;

  return (
    <div className="rs-page pm-page" data-testid="permit-application">
      <section className="rs-card rs-summary" aria-labelledby="pm-detail-status">
        <div className="rs-item-head">
          <ApplicationStatusTag status={a.status} />
          <span className="rs-field-note">{permitCode(t, 'kinds', a.kind)}</span>
        </div>
        <h2 id="pm-detail-status" className="rs-summary-title">
          {permitCode(t, 'statusHelp', a.status)}
        </h2>
        <p className="rs-summary-label">{t('permit:application.reference')}</p>
        <p className="rs-summary-reference">
          <Reference id={a.id} large />
        </p>
      </section>

      {a.status === 'returned' && (
        <section className="rs-banner rs-banner-warning" aria-labelledby="pm-returned-title" data-testid="permit-returned">
          <h2 id="pm-returned-title" className="rs-banner-title">
            {t('permit:application.returnedTitle')}
          </h2>
          <CorrectionList items={a.corrections ?? returned?.corrections ?? []} note={returned?.note} />
          <LinkButton to={`/permit/applications/${a.id}/correct`} primary testId="permit-correct">
            {t('permit:application.correct')}
          </LinkButton>
        </section>
      )}

      {a.status === 'rejected' && a.rejection && (
        <section className="rs-banner rs-banner-danger" aria-labelledby="pm-rejected-title" data-testid="permit-rejected">
          <h2 id="pm-rejected-title" className="rs-banner-title">
            {t('permit:application.rejectedTitle')}
          </h2>
          <ul className="rs-reasons">
            {a.rejection.reasons.map((reason) => (
              <li key={reason}>{permitCode(t, 'rejections', reason)}</li>
            ))}
          </ul>
          {a.rejection.note && (
            <p className="rs-note">
              {t('permit:application.officerNote')} <bdi>{a.rejection.note}</bdi>
            </p>
          )}
          <Citations citations={a.rejection.citations} />
        </section>
      )}

      {a.status === 'issued' && a.permitNumber && (
        <section className="rs-banner" data-testid="permit-issued">
          <p className="rs-banner-title">{t('permit:application.issuedTitle')}</p>
          <p>
            {t('permit:application.permitNumber')} <Reference id={a.permitNumber} />
          </p>
          <LinkButton to={a.holder === 'self' ? '/permit' : `/permit/card?holder=${encodeURIComponent(a.holder)}`} primary testId="permit-show-card">
            {t('permit:application.showCard')}
          </LinkButton>
        </section>
      )}

      <Section title={t('permit:application.progressTitle')}>
        <ol className="pm-progress" data-testid="permit-progress">
          {progressOf(a).map((item) => (
            <li key={item.step} className={`pm-progress-item pm-progress-${item.state}`} data-state={item.state}>
              <p className="pm-progress-step">{t(`permit:progress.${item.step}`)}</p>
              <p className="pm-progress-meta">{item.at ? moment(item.at) : t(`permit:progress.state.${item.state}`)}</p>
            </li>
          ))}
        </ol>
        {a.issueBy && (
          <DeadlineLine deadline={a.issueBy} sentence={(values) => t('permit:application.issueBy', values)} />
        )}
      </Section>

      <Section title={t('permit:application.dataTitle')}>
        <dl className="rs-facts">
          <Row label={t('permit:application.holder')}>
            <bdi>{a.holderName}</bdi>
          </Row>
          <Row label={t('permit:card.residence')}>
            <AddressText path={a.address.path} detail={a.address.detail} />
          </Row>
          <Row label={t('permit:application.station')}>
            <bdi>{a.station.name}</bdi>
          </Row>
          {a.validityYears !== undefined && <Row label={t('permit:apply.validity')}>{yearsText(t, a.validityYears)}</Row>}
          {a.charge && <Row label={t('permit:application.charge')}>{permitCode(t, 'charges', a.charge)}</Row>}
          <Row label={t('permit:application.submitted')}>{moment(a.submittedAt)}</Row>
          {a.acceptedAt && <Row label={t('permit:application.accepted')}>{moment(a.acceptedAt)}</Row>}
        </dl>
      </Section>

      <Section title={t('permit:application.documentsTitle')}>
        {a.documents.length === 0 ? (
          <p className="rs-field-note">{t('permit:application.noDocuments')}</p>
        ) : (
          <ul className="rs-documents">
            {a.documents.map((document) => (
              <li key={document.id}>
                <span className="rs-document-kind">{documentName(t, document.kind)}</span>
                <bdi>{document.fileName}</bdi> <span className="rs-field-note">{formatSize(document.size, t)}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('permit:application.historyTitle')}>
        <ol className="rs-timeline">
          {a.history.map((entry, index) => (
            <li key={index} className={`rs-timeline-item rs-timeline-${entry.event}`}>
              <p className="rs-timeline-event">{permitCode(t, 'events', entry.event)}</p>
              <p className="rs-timeline-meta">
                {moment(entry.at)} · {permitCode(t, 'actors', entry.actor)}
              </p>
              {entry.corrections && <CorrectionList items={entry.corrections} note={undefined} />}
              {entry.reasons && (
                <ul className="rs-reasons">
                  {entry.reasons.map((reason) => (
                    <li key={reason}>{permitCode(t, 'rejections', reason)}</li>
                  ))}
                </ul>
              )}
              {entry.note && (
                <p className="rs-note">
                  {t('permit:application.officerNote')} <bdi>{entry.note}</bdi>
                </p>
              )}
            </li>
          ))}
        </ol>
      </Section>
    </div>
  );
}

/** What the officer asks to be corrected (补正), and their note. */
export function CorrectionList({ items, note }: { items: readonly string[]; note: string | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      {items.length > 0 && (
        <ul className="rs-reasons" data-testid="permit-corrections">
          {items.map((item) => (
            <li key={item}>{permitCode(t, 'corrections', item)}</li>
          ))}
        </ul>
      )}
      {note && (
        <p className="rs-note">
          {t('permit:application.officerNote')} <bdi>{note}</bdi>
        </p>
      )}
    </>
  );
}
