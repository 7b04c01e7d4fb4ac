import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { EntitlementView } from '#shared/api/permit';
import { isolate } from '../../i18n/bidi.ts';
import { useLanguage } from '../../i18n/language.ts';
import { CitationDetails } from '../residence/parts.tsx';
import { formatDay } from '../residence/words.ts';

const STATUS_COLORS: Record<EntitlementView['status'], 'success' | 'primary' | 'warning' | 'default'> = {
  eligible: 'success',
  notYet: 'primary',
  missing: 'warning',
  notEligible: 'default',
};

/** Available, available from a date, information missing, not available. */
function StatusTag({ item }: { item: EntitlementView }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const labels: Record<EntitlementView['status'], string> = {
    eligible: t('entitlements:status.eligible'),
    notYet: t('entitlements:status.notYet', { date: isolate(item.on ? formatDay(item.on, language, t) : '') }),
    missing: t('entitlements:status.missing'),
    notEligible: t('entitlements:status.notEligible'),
  };
  return (
    <Tag color={STATUS_COLORS[item.status]} fill="outline" className="ent-status">
      {labels[item.status]}
    </Tag>
  );
}

/** One entitlement: what it is, whether it is open to the person and why, where to apply, what to bring, and the law. */
export function EntitlementCard({ item }: { item: EntitlementView }) {
  const { t } = useTranslation();
  return (
    <li className="rs-card ent-card" data-entitlement={item.id} data-status={item.status}>
      <div className="ent-card-head">
        <h4 className="ent-card-title">{t(`policy:services.${item.service}`)}</h4>
        <StatusTag item={item} />
      </div>
      <p className="ent-reason">{item.reason}</p>
      <dl className="ent-apply">
        <div>
          <dt>{t('entitlements:card.where')}</dt>
          <dd>{t(`policy:offices.${item.apply.where}`)}</dd>
        </div>
        <div>
          <dt>{t('entitlements:card.bring')}</dt>
          <dd>
            {item.apply.bring.length === 0 ? (
              t('entitlements:card.nothingToBring')
            ) : (
              <ul className="ent-bring">
                {item.apply.bring.map((document) => (
                  <li key={document}>{t(`policy:documents.${document}`)}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <CitationDetails citation={item.citation} />
    </li>
  );
}
