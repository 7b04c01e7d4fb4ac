import { RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listConfirmations, listMyTenancies } from '#shared/api/landlord';
import { useServices } from '../../app/services.ts';
import { useLoadState } from '../../app/load.ts';
import { isolate } from '../../i18n/bidi.ts';
import { houseAddressDetail } from '#shared/landlord/house';
import '../landlord/landlord.css';

/**
 * On the home page, what waits for the user's answer: a landlord's report that they moved in, and
 * (for a landlord) tenants' requests to confirm. Nothing when nothing waits, or when it cannot be
 * told (the pages themselves say what went wrong).
 */
export default function HomeAlert() {
  const { t } = useTranslation(['landlord']);
  const { call } = useServices();
  const { state } = useLoadState(async (signal) => {
    const quiet = <T,>(load: Promise<T>) => load.catch(() => undefined);
    const [tenancies, confirmations] = await Promise.all([
      quiet(call(listMyTenancies, { signal })),
      quiet(call(listConfirmations, { signal })),
    ]);
    return {
      toConfirm: (tenancies?.items ?? []).filter((tenancy) => tenancy.canConfirm || tenancy.needsProfile),
      requests: confirmations?.items.length ?? 0,
    };
  }, 'home-alert');
  if (state.status !== 'ready') return null;
  const { toConfirm, requests } = state.value;
  if (toConfirm.length === 0 && requests === 0) return null;
  return (
    <section className="ll-home-alerts" aria-label={t('landlord:home.label')}>
      {toConfirm.map((tenancy) => (
        <Link key={tenancy.id} className="ll-home-alert" to={`/tenancies/${tenancy.id}`}>
          <span className="ll-home-alert-text">
            <strong>{t('landlord:home.reportedTitle')}</strong>
            <span>
              {t('landlord:home.reported', {
                landlord: isolate(tenancy.house.landlordMasked),
                address: isolate(houseAddressDetail(tenancy.house)),
              })}
            </span>
          </span>
          <RightOutline className="ll-chevron" aria-hidden="true" />
        </Link>
      ))}
      {requests > 0 && (
        <Link className="ll-home-alert" to="/houses/confirmations">
          <span className="ll-home-alert-text">
            <strong>{t('landlord:home.requestsTitle')}</strong>
            <span>{t('landlord:home.requests', { n: String(requests) })}</span>
          </span>
          <RightOutline className="ll-chevron" aria-hidden="true" />
        </Link>
      )}
    </section>
  );
}
