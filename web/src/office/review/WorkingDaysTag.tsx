import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Working days to the legal deadline: red once overdue, orange on the last day or the one before,
 * plain otherwise; said outright when the regulation sets no deadline at all.
 */
export function WorkingDaysTag({ days }: { days: number | undefined }) {
  const { t } = useTranslation('review');
  if (days === undefined) return <Tag className="review-days">{t('review:daysLeft.none')}</Tag>;
  // Plural forms (`left_one`, `left_other`): the English text needs them, the others repeat one text.
  const counted = (kind: 'left' | 'overdue', count: number) => t(`review:daysLeft.${kind}`, { count });
  if (days < 0) {
    return (
      <Tag color="error" className="review-days">
        {counted('overdue', -days)}
      </Tag>
    );
  }
  if (days === 0) {
    return (
      <Tag color="warning" className="review-days">
        {t('review:daysLeft.today')}
      </Tag>
    );
  }
  return (
    <Tag color={days <= 1 ? 'warning' : 'default'} className="review-days">
      {counted('left', days)}
    </Tag>
  );
}
