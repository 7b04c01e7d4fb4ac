import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { TenancyStatus } from '#shared/landlord/house';
import { translate } from '../residence/words.ts';

const COLORS: Record<TenancyStatus, 'primary' | 'warning' | 'success' | 'default' | 'danger'> = {
  awaitingTenant: 'warning',
  awaitingLandlord: 'primary',
  active: 'success',
  declined: 'default',
  ended: 'default',
};

/** A tenancy's status as the tenant reads it: "待您确认", "等待房东确认", "已登记"… */
export function TenantStatusTag({ status }: { status: TenancyStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} fill="outline" className="rs-status">
      {translate(t)(`landlord:tenant.statuses.${status}`)}
    </Tag>
  );
}
