import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Days to the last day to issue, in the rule's unit: red once overdue, orange on the last day or the
 * one before, plain otherwise.
 */
export function DaysLeftTag({ days, working = false }: { days: number; working?: boolean }) {
  const { t } = useTranslation('permitReview');
  if (days === 0) {
    return (
      <Tag color="warning" className="review-days">
        {t('permitReview:daysLeft.today')}
      </Tag>
    );
  }
  // Plural forms (`left_one`, `left_other`): the English text needs them, the others repeat one text.
  const kind: 'left' | 'overdue' | 'workingLeft' | 'workingOverdue' = working
    ? days < 0
      ? 'workingOverdue'
      : 'workingLeft'
    : days < 0
      ? 'overdue'
      : 'left';
  const text = t(`permitReview:daysLeft.${kind}`, { count: Math.abs(days) });
  return (
    <Tag color={days < 0 ? 'error' : days <= 1 ? 'warning' : 'default'} className="review-days">
      {text}
    </Tag>
  );
}
