import { CheckCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { getDeclaration } from '#shared/api/residence';
import { useServices } from '../../app/services.ts';
import { isolate } from '../../i18n/bidi.ts';
import { useLanguage } from '../../i18n/language.ts';
import { AddressText, DeadlineNotice, LandlordConfirmationNotice, Reference } from './parts.tsx';
import { LoadError, LoadingBlock } from './states.tsx';
import { useLoadState } from '../../app/load.ts';
import { formatDue, formatMoment } from './words.ts';

/** After submitting: the reference number, large, and what happens next. */
export default function DeclaredPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { call } = useServices();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const resubmitted = search.get('resubmitted') === '1';
  const { state, retry } = useLoadState((signal) => call(getDeclaration, { params: { id }, signal }), id);

  if (state.status === 'loading') return <LoadingBlock />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  const declaration = state.value;
  return (
    <div className="rs-page rs-declared">
      <section className="rs-done" aria-labelledby="rs-done-title">
        <CheckCircleFill className="rs-done-icon" aria-hidden="true" />
        <h2 id="rs-done-title" className="rs-done-title">
          {resubmitted ? t('residence:declared.resubmittedTitle') : t('residence:declared.title')}
        </h2>
        <p className="rs-done-label">{t('residence:declared.reference')}</p>
        <p className="rs-done-reference">
          <Reference id={declaration.id} large />
        </p>
        <p className="rs-field-note">{t('residence:declared.keep')}</p>
      </section>

      {declaration.landlordConfirmation && <LandlordConfirmationNotice confirmation={declaration.landlordConfirmation} />}

      <section className="rs-card">
        <dl className="rs-facts">
          <div>
            <dt>{t('residence:detail.address')}</dt>
            <dd>
              <AddressText path={declaration.address.path} detail={declaration.address.detail} />
            </dd>
          </div>
          <div>
            <dt>{t('residence:detail.station')}</dt>
            <dd>
              <bdi>{declaration.station.name}</bdi>
            </dd>
          </div>
          <div>
            <dt>{t('residence:detail.submittedAt')}</dt>
            <dd>{formatMoment(declaration.submittedAt, language, t)}</dd>
          </div>
        </dl>
        <DeadlineNotice deadline={declaration.deadline} kind={declaration.changeOf ? 'change' : 'registration'} tense="made" />
      </section>

      <section className="rs-card" aria-labelledby="rs-next-title">
        <h3 id="rs-next-title" className="rs-card-title">
          {t('residence:declared.nextTitle')}
        </h3>
        {declaration.landlordConfirmation ? (
          <ol className="rs-next">
            <li>{t('residence:landlordConfirmation.next1')}</li>
            <li>
              {t('residence:landlordConfirmation.next2', {
                date: formatDue(declaration.landlordConfirmation.due, language, t),
                station: isolate(declaration.station.name),
              })}
            </li>
            <li>{t('residence:declared.next3')}</li>
          </ol>
        ) : (
          <ol className="rs-next">
            <li>{t('residence:declared.next1', { station: isolate(declaration.station.name) })}</li>
            <li>{t('residence:declared.next2')}</li>
            <li>{t('residence:declared.next3')}</li>
          </ol>
        )}
      </section>

      <div className="rs-actions">
        <Link className="adm-button adm-button-primary adm-button-large adm-button-block rs-link-button" to={`/residence/${declaration.id}`}>
          {t('residence:declared.view')}
        </Link>
        <Link className="adm-button adm-button-default adm-button-large adm-button-block rs-link-button" to="/residence">
          {t('residence:declared.list')}
        </Link>
        <Link className="rs-text-link" to="/">
          {t('residence:declared.home')}
        </Link>
      </div>
    </div>
  );
}
