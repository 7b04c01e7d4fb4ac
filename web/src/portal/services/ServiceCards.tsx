import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ServiceEntry } from './catalogue.tsx';

/** What the user can do, each with a line on what it is for, and a link where the service has pages. */
export function ServiceCards({ services }: { services: readonly ServiceEntry[] }) {
  const { t } = useTranslation();
  return (
    <ul className="service-cards">
      {services.map((service) => (
        <li key={service.key} className="service-card">
          <span className={`service-card-icon service-card-icon-${service.key}`} aria-hidden="true">
            {service.icon}
          </span>
          <div className="service-card-body">
            <h3 className="service-card-title">{service.title}</h3>
            <p className="service-card-description">{service.description}</p>
            {service.href && (
              <Link className="service-card-link" to={service.href}>
                {t('portal:services.open', { name: service.title })}
              </Link>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
