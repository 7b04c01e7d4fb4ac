import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeclarationStatus } from '#shared/residence/declaration';

const COLORS: Record<DeclarationStatus, string> = {
  submitted: 'processing',
  returned: 'warning',
  registered: 'success',
  ended: 'default',
};

export function StatusTag({ status }: { status: DeclarationStatus }) {
  const { t } = useTranslation('review');
  return <Tag color={COLORS[status]}>{t(`review:status.${status}`)}</Tag>;
}
