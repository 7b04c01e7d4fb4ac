import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '#shared/permit/lifecycle';

const COLORS: Record<ApplicationStatus, string> = {
  submitted: 'processing',
  accepted: 'gold',
  returned: 'warning',
  issued: 'success',
  rejected: 'error',
};

export function PermitStatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation('permitReview');
  return <Tag color={COLORS[status]}>{t(`permitReview:status.${status}`)}</Tag>;
}
