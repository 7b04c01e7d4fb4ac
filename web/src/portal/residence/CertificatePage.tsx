import { Button, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { getDeclaration, getProfile } from '#shared/api/residence';
import { useServices } from '../../app/services.ts';
import { useLanguage } from '../../i18n/language.ts';
import { AddressText, Reference } from './parts.tsx';
import { EmptyState, LoadError, LoadingBlock } from './states.tsx';
import { useLoadState } from '../../app/load.ts';
import { formatDay, formatMoment } from './words.ts';

/** 居住登记凭证: proof of a registered residence, to show on the phone or print on A4/A5. */
export default function CertificatePage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { call } = useServices();
  const { id = '' } = useParams();
  const { state, retry } = useLoadState(
    (signal) => Promise.all([call(getDeclaration, { params: { id }, signal }), call(getProfile, { signal })]),
    id,
  );

  if (state.status === 'loading') return <LoadingBlock lines={8} />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  const [declaration, profile] = state.value;

  if (declaration.status !== 'registered' || !declaration.registeredAt) {
    return (
      <div className="rs-page">
        <EmptyState title={t('residence:certificate.notRegisteredTitle')} description={t('residence:certificate.notRegistered')}>
          <Link className="adm-button adm-button-primary adm-button-large rs-link-button" to={`/residence/${declaration.id}`}>
            {t('residence:declare.toDeclaration')}
          </Link>
        </EmptyState>
      </div>
    );
  }

  async function share() {
    const url = window.location.href;
    const title = t('residence:certificate.title');
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, text: t('residence:certificate.shareText', { reference: declaration.id }), url });
        return;
      } catch (error) {
        // The user closed the share sheet: nothing to report.
        if (error instanceof Error && error.name === 'AbortError') return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      Toast.show({ icon: 'success', content: t('residence:certificate.copied') });
    } catch {
      Toast.show({ content: t('residence:certificate.copyFailed', { url }), duration: 5000 });
    }
  }

  return (
    <div className="rs-page rs-certificate-page">
      <article className="rs-certificate" aria-labelledby="rs-certificate-title">
        <header className="rs-certificate-head">
          <h2 id="rs-certificate-title" className="rs-certificate-title">
            {t('residence:certificate.title')}
          </h2>
          <p className="rs-certificate-sub">{t('residence:certificate.subtitle')}</p>
        </header>
        <dl className="rs-certificate-facts">
          <div>
            <dt>{t('residence:certificate.holder')}</dt>
            <dd>
              <bdi>{profile.name}</bdi>
            </dd>
          </div>
          <div>
            <dt>{t('residence:certificate.citizenId')}</dt>
            <dd>
              <bdi dir="ltr" className="rs-code">
                {profile.citizenIdMasked}
              </bdi>
            </dd>
          </div>
          <div>
            <dt>{t('residence:detail.address')}</dt>
            <dd>
              <AddressText path={declaration.address.path} detail={declaration.address.detail} />
            </dd>
          </div>
          <div>
            <dt>{t('residence:declare.moveInDate')}</dt>
            <dd>{formatDay(declaration.moveInDate, language, t)}</dd>
          </div>
          <div>
            <dt>{t('residence:detail.registeredAt')}</dt>
            <dd>{formatMoment(declaration.registeredAt, language, t)}</dd>
          </div>
          <div>
            <dt>{t('residence:detail.station')}</dt>
            <dd>
              <bdi>{declaration.station.name}</bdi>
            </dd>
          </div>
          <div className="rs-certificate-reference">
            <dt>{t('residence:declared.reference')}</dt>
            <dd>
              <Reference id={declaration.id} large />
            </dd>
          </div>
        </dl>
        <p className="rs-certificate-note">{t('residence:certificate.note')}</p>
      </article>
      <div className="rs-actions rs-no-print">
        <Button color="primary" size="large" block onClick={() => window.print()}>
          {t('residence:certificate.print')}
        </Button>
        <Button size="large" block onClick={() => void share()}>
          {t('residence:certificate.share')}
        </Button>
      </div>
    </div>
  );
}
