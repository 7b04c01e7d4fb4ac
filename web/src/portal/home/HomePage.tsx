import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '#shared/api/identity';
import { isolate } from '../../i18n/bidi.ts';
import { formatList } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/language.ts';
import { roleNames, servicesFor } from '../services/catalogue.tsx';
import { ServiceCards } from '../services/ServiceCards.tsx';

// What waits for the user's answer (a landlord's report, tenants' requests): the landlord contracts
// are a chunk of their own, fetched after the home page shows.
const HomeAlert = lazy(() => import('../tenancy/HomeAlert.tsx'));

export function HomePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const roles = formatList(roleNames(me.roles, t), language, t);
  return (
    <div className="portal-page">
      <section className="home-welcome" aria-labelledby="home-welcome-title">
        <h2 id="home-welcome-title" className="home-welcome-title">
          {t('portal:home.greeting', { name: isolate(me.displayName) })}
        </h2>
        <p className="home-welcome-roles">{t('portal:home.signedInAs', { roles })}</p>
        <p className="home-welcome-intro">{t('portal:home.intro')}</p>
      </section>
      {me.roles.includes('resident') && (
        <Suspense fallback={null}>
          <HomeAlert />
        </Suspense>
      )}
      <section aria-labelledby="home-services-title">
        <h2 id="home-services-title" className="portal-section-title">
          {t('portal:home.servicesTitle')}
        </h2>
        <ServiceCards services={servicesFor(me.roles, t)} />
      </section>
    </div>
  );
}
