import { Alert, Button, Result, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../api/errors.ts';

/** The first page could not be loaded: nothing to show but the failure and a retry. */
export function QueueLoadFailed({ title, error, onRetry }: { title: string; error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={title}
      subTitle={messageOf(error, t)}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('common:action.retry')}
        </Button>
      }
    />
  );
}

/** A later load failed: the last page stays in view under this notice. */
export function QueueReloadFailed({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <Alert
      className="review-alert"
      type="error"
      showIcon
      title={messageOf(error, t)}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common:action.retry')}
        </Button>
      }
    />
  );
}

interface PagerProps {
  /** The cursors of the pages before this one (the API pages by key and knows no totals). */
  cursors: string[];
  /** The cursor of the next page, if there is one. */
  next: string | undefined;
  loading: boolean;
  onPage(cursors: string[]): void;
}

/** Previous and next page by key, and which page this is. */
export function QueuePager({ cursors, next, loading, onPage }: PagerProps) {
  const { t } = useTranslation(['review']);
  return (
    <nav className="review-pager" aria-label={t('review:queue.pager')}>
      <Typography.Text type="secondary">{t('review:queue.page', { page: cursors.length + 1 })}</Typography.Text>
      <Space>
        <Button icon={<LeftOutlined className="review-flip" aria-hidden />} disabled={cursors.length === 0 || loading} onClick={() => onPage(cursors.slice(0, -1))}>
          {t('review:queue.previous')}
        </Button>
        <Button disabled={!next || loading} onClick={() => next && onPage([...cursors, next])}>
          {t('review:queue.next')}
          <RightOutlined className="review-flip" aria-hidden />
        </Button>
      </Space>
    </nav>
  );
}
