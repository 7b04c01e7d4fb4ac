import { ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

/** Notices from the police station (decisions, reminders to endorse) will arrive here. */
export function MessagesPage() {
  const { t } = useTranslation();
  return (
    <div className="portal-page">
      <ErrorBlock
        status="empty"
        className="messages-empty"
        title={t('portal:messages.emptyTitle')}
        description={t('portal:messages.emptyDescription')}
      />
    </div>
  );
}
