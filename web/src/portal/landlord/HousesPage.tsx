import { Badge } from 'antd-mobile';
import { AddOutline, RightOutline, UserSetOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listHouses, type HouseSummary } from '#shared/api/landlord';
import { useServices } from '../../app/services.ts';
import { useLoadState } from '../../app/load.ts';
import { useLanguage } from '../../i18n/language.ts';
import { EmptyState, LoadError, LoadingBlock } from '../residence/states.tsx';
import { formatDay } from '../residence/words.ts';
import { HouseAddress, HouseCode, Occupancy, OverdueTag, TenancyStatusTag } from './parts.tsx';
import { houseTypeLabel } from './words.ts';

/** 我的房屋: the houses the user owns or acts for, their tenants, and what waits for an answer. */
export default function HousesPage() {
  const { t } = useTranslation();
  const { call } = useServices();
  const { state, retry } = useLoadState((signal) => call(listHouses, { signal }), 'houses');

  if (state.status === 'loading') return <LoadingBlock lines={6} />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  const houses = state.value.items;
  const register = (
    <Link className="adm-button adm-button-primary adm-button-large adm-button-block rs-link-button" to="/houses/new">
      <AddOutline aria-hidden="true" /> {t('landlord:list.register')}
    </Link>
  );

  if (houses.length === 0) {
    return (
      <div className="rs-page">
        <EmptyState title={t('landlord:list.emptyTitle')} description={t('landlord:list.emptyDescription')}>
          <div className="rs-empty-actions">{register}</div>
        </EmptyState>
        <p className="rs-field-note ll-center">
          <Link to="/houses/confirmations">{t('landlord:list.confirmations')}</Link>
        </p>
      </div>
    );
  }

  const pending = houses.reduce((sum, house) => sum + house.pendingConfirmations, 0);
  return (
    <div className="rs-page">
      <Link className="rs-card ll-entry" to="/houses/confirmations">
        <UserSetOutline className="ll-entry-icon" aria-hidden="true" />
        <span className="ll-entry-text">{t('landlord:list.confirmations')}</span>
        {pending > 0 && (
          <Badge content={pending} className="ll-entry-badge">
            <span className="visually-hidden">{t('landlord:list.pendingCount', { n: String(pending) })}</span>
          </Badge>
        )}
        <RightOutline className="rs-chevron" aria-hidden="true" />
      </Link>
      <div className="rs-actions rs-actions-top">{register}</div>
      <ul className="rs-cards" aria-label={t('landlord:list.label')}>
        {houses.map((house) => (
          <li key={house.id}>
            <HouseCard house={house} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function HouseCard({ house }: { house: HouseSummary }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const overdue = house.overdueReports > 0 || house.tenants.some((tenant) => tenant.overdue);
  return (
    <Link className={overdue ? 'rs-card rs-item ll-house ll-house-overdue' : 'rs-card rs-item ll-house'} to={`/houses/${house.id}`}>
      <span className="rs-item-head">
        <HouseCode code={house.id} />
        <span className="rs-field-note">{houseTypeLabel(t, house.type)}</span>
        {house.role === 'agent' && <span className="rs-field-note">{t('landlord:list.agent')}</span>}
      </span>
      <span className="rs-item-place">
        <HouseAddress house={house} />
      </span>
      <Occupancy occupancy={house.occupancy} />
      {house.tenants.length > 0 && (
        <span className="ll-tenant-names">
          {house.tenants.map((tenant) => (
            <span key={tenant.id} className={tenant.overdue ? 'll-tenant-name ll-late' : 'll-tenant-name'}>
              <bdi>{tenant.name}</bdi> <TenancyStatusTag status={tenant.status} />
              {tenant.overdue && <OverdueTag />}
              <span className="visually-hidden"> {t('landlord:list.movedIn', { date: formatDay(tenant.moveInDate, language, t) })}</span>
            </span>
          ))}
        </span>
      )}
      {(house.pendingConfirmations > 0 || house.overdueReports > 0) && (
        <span className="ll-counts">
          {house.pendingConfirmations > 0 && (
            <span className="ll-pending">{t('landlord:list.pending', { n: String(house.pendingConfirmations) })}</span>
          )}
          {house.overdueReports > 0 && (
            <span className="ll-late">{t('landlord:list.overdueReports', { n: String(house.overdueReports) })}</span>
          )}
        </span>
      )}
      <RightOutline className="rs-chevron rs-item-chevron" aria-hidden="true" />
    </Link>
  );
}
