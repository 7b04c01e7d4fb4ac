import { CheckCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { getHouse } from '#shared/api/landlord';
import { isolate } from '../../i18n/bidi.ts';
import { useServices } from '../../app/services.ts';
import { useLoadState } from '../../app/load.ts';
import { LoadError, LoadingBlock } from '../residence/states.tsx';
import { HouseAddress, HouseCode } from './parts.tsx';
import { HousePoster } from './Poster.tsx';

/** After registering a house: its code, large, the poster for the door, and what to do next. */
export default function RegisteredPage() {
  const { t } = useTranslation();
  const { call } = useServices();
  const { code = '' } = useParams();
  const { state, retry } = useLoadState((signal) => call(getHouse, { params: { id: code }, signal }), code);
  if (state.status === 'loading') return <LoadingBlock />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  const house = state.value;
  return (
    <div className="rs-page rs-declared">
      <section className="rs-done" aria-labelledby="ll-done-title">
        <CheckCircleFill className="rs-done-icon" aria-hidden="true" />
        <h2 id="ll-done-title" className="rs-done-title">
          {t('landlord:registered.title')}
        </h2>
        <p className="rs-done-label">{t('landlord:registered.code')}</p>
        <p className="rs-done-reference" data-testid="house-code">
          <HouseCode code={house.id} large />
        </p>
        <p className="rs-item-place">
          <HouseAddress house={house} />
        </p>
        <p className="rs-field-note">{t('landlord:registered.station', { station: isolate(house.station.name) })}</p>
      </section>

      <section className="rs-card" aria-labelledby="ll-poster-title">
        <h3 id="ll-poster-title" className="rs-card-title">
          {t('landlord:poster.title')}
        </h3>
        <p className="rs-lead">{t('landlord:registered.posterLead')}</p>
        <HousePoster house={house} showCode={false} />
      </section>

      <div className="rs-actions">
        <Link className="adm-button adm-button-primary adm-button-large adm-button-block rs-link-button" to={`/houses/${house.id}/report`}>
          {t('landlord:house.report')}
        </Link>
        <Link className="adm-button adm-button-default adm-button-large adm-button-block rs-link-button" to={`/houses/${house.id}`}>
          {t('landlord:registered.view')}
        </Link>
        <Link className="rs-text-link" to="/houses">
          {t('landlord:registered.list')}
        </Link>
      </div>
    </div>
  );
}
