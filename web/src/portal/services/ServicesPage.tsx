import { List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '#shared/api/identity';
import { servicesFor } from './catalogue.tsx';

/** Every service open to the user's roles, as a list with a line on each. */
export function ServicesPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const services = servicesFor(me.roles, t);
  return (
    <div className="portal-page portal-page-flush">
      <p className="portal-lead">{t('portal:services.lead')}</p>
      <List header={t('portal:services.listTitle')} className="services-list">
        {services.map((service) => (
          <List.Item
            key={service.key}
            prefix={
              <span className={`service-card-icon service-card-icon-${service.key}`} aria-hidden="true">
                {service.icon}
              </span>
            }
            description={
              <>
                {service.description}
                {service.href && (
                  <>
                    {' '}
                    <Link to={service.href}>{t('portal:services.open', { name: service.title })}</Link>
                  </>
                )}
              </>
            }
          >
            {service.title}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
