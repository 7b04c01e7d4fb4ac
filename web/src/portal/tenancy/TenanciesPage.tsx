import { RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listMyTenancies, type TenantTenancy } from '#shared/api/landlord';
import { useServices } from '../../app/services.ts';
import { useLoadState } from '../../app/load.ts';
import { useLanguage } from '../../i18n/language.ts';
import { HouseAddress, OverdueTag } from '../landlord/parts.tsx';
import { EmptyState, LoadError, LoadingBlock } from '../residence/states.tsx';
import { formatDay, formatDue } from '../residence/words.ts';
import { TenantStatusTag } from './parts.tsx';

/** 我的租住: what landlords reported for the user, and the user's own requests to landlords. */
export default function TenanciesPage() {
  const { t } = useTranslation();
  const { call } = useServices();
  const { state, retry } = useLoadState((signal) => call(listMyTenancies, { signal }), 'tenancies');
  if (state.status === 'loading') return <LoadingBlock lines={5} />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  const items = state.value.items;
  if (items.length === 0) {
    return (
      <div className="rs-page">
        <EmptyState title={t('landlord:tenant.emptyTitle')} description={t('landlord:tenant.emptyDescription')}>
          <Link className="adm-button adm-button-primary adm-button-large rs-link-button" to="/house">
            {t('landlord:tenant.enterCode')}
          </Link>
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="rs-page">
      <ul className="rs-cards" aria-label={t('landlord:tenant.listLabel')}>
        {items.map((tenancy) => (
          <li key={tenancy.id}>
            <TenancyCard tenancy={tenancy} />
          </li>
        ))}
      </ul>
      <p className="ll-center">
        <Link className="rs-text-link" to="/house">
          {t('landlord:tenant.enterCode')}
        </Link>
      </p>
    </div>
  );
}

/** What the tenant is asked, in a line: confirm, wait for the landlord (until when), or nothing. */
export function TenancyNote({ tenancy }: { tenancy: TenantTenancy }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  if (tenancy.needsProfile) return <span className="ll-pending">{t('landlord:tenant.needsProfile')}</span>;
  if (tenancy.canConfirm) return <span className="ll-pending">{t('landlord:tenant.pleaseConfirm')}</span>;
  if (tenancy.status === 'awaitingLandlord' && tenancy.overdue) return <span>{t('landlord:tenant.referred')}</span>;
  if (tenancy.status === 'awaitingLandlord' && tenancy.confirmBy) {
    return <span>{t('landlord:tenant.waitingLandlord', { date: formatDue(tenancy.confirmBy, language, t) })}</span>;
  }
  return null;
}

function TenancyCard({ tenancy }: { tenancy: TenantTenancy }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <Link className={tenancy.canConfirm || tenancy.needsProfile ? 'rs-card rs-item ll-house ll-attention' : 'rs-card rs-item ll-house'} to={`/tenancies/${tenancy.id}`}>
      <span className="rs-item-head">
        <TenantStatusTag status={tenancy.status} />
        {tenancy.overdue && tenancy.status === 'awaitingLandlord' && <OverdueTag />}
      </span>
      <span className="rs-item-place">
        <HouseAddress house={tenancy.house} />
      </span>
      <span className="rs-item-dates">{t('landlord:list.movedIn', { date: formatDay(tenancy.moveInDate, language, t) })}</span>
      <span className="rs-item-dates">
        <TenancyNote tenancy={tenancy} />
      </span>
      <RightOutline className="rs-chevron rs-item-chevron" aria-hidden="true" />
    </Link>
  );
}
