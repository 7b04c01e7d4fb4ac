import { useState } from 'react';
import { App, Button, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { bulkApprovePermitApplications, type PermitQueueItem } from '#shared/api/permit';
import { messageOf } from '../../api/errors.ts';
import { useServices } from '../../app/services.ts';
import { Ltr } from '../review/Ltr.tsx';

type Result = z.infer<typeof bulkApprovePermitApplications.response>['results'][number];

const OUTCOME_COLORS: Record<Result['outcome'], string> = {
  approved: 'success',
  changed: 'warning',
  notFound: 'default',
  notAllowed: 'error',
};

/**
 * "Approve selected" on the accepted tab: a confirmation, one request for the selection, then each
 * application's own result (approved with its permit number, or why it was left as it was).
 */
export function BulkApprove({ selected, onDone }: { selected: PermitQueueItem[]; onDone(): void }) {
  const { t } = useTranslation(['permitReview']);
  const { call } = useServices();
  const { message } = App.useApp();
  const [sending, setSending] = useState(false);
  const [results, setResults] = useState<Result[]>();

  async function approve() {
    setSending(true);
    try {
      const answer = await call(bulkApprovePermitApplications, {
        body: { items: selected.map(({ id, version }) => ({ id, version })) },
      });
      setResults(answer.results);
      onDone();
    } catch (error) {
      message.error(`${t('permitReview:bulk.failed')}: ${messageOf(error, t)}`);
    } finally {
      setSending(false);
    }
  }

  const count = selected.length;
  // Plural forms (`selected_one`, `selected_other`): the English text needs them.
  const counted = (key: 'selected' | 'confirmTitle') => t(`permitReview:bulk.${key}`, { count });
  const approved = results?.filter((r) => r.outcome === 'approved').length ?? 0;

  return (
    <div className="permit-selection">
      <Typography.Text type="secondary">{counted('selected')}</Typography.Text>
      <Popconfirm
        title={counted('confirmTitle')}
        description={<div className="review-reveal-note">{t('permitReview:bulk.confirm')}</div>}
        okText={t('permitReview:action.approve')}
        cancelText={t('permitReview:action.cancel')}
        onConfirm={() => void approve()}
        disabled={count === 0}
      >
        <Button type="primary" icon={<CheckOutlined aria-hidden />} disabled={count === 0} loading={sending}>
          {t('permitReview:bulk.approve')}
        </Button>
      </Popconfirm>
      <Modal
        open={results !== undefined}
        title={t('permitReview:bulk.resultTitle')}
        onCancel={() => setResults(undefined)}
        footer={
          <Button type="primary" onClick={() => setResults(undefined)}>
            {t('permitReview:bulk.close')}
          </Button>
        }
        width={640}
      >
        <Typography.Paragraph>{t('permitReview:bulk.summary', { approved, total: results?.length ?? 0 })}</Typography.Paragraph>
        <Table<Result>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={results ?? []}
          columns={[
            { key: 'id', title: t('permitReview:bulk.columns.reference'), render: (_, r) => <Ltr mono>{r.id}</Ltr> },
            {
              key: 'outcome',
              title: t('permitReview:bulk.columns.outcome'),
              render: (_, r) => <Tag color={OUTCOME_COLORS[r.outcome]}>{t(`permitReview:bulk.outcome.${r.outcome}`)}</Tag>,
            },
            {
              key: 'number',
              title: t('permitReview:bulk.columns.number'),
              render: (_, r) => (r.permitNumber ? <Ltr mono>{r.permitNumber}</Ltr> : <Typography.Text type="secondary">—</Typography.Text>),
            },
          ]}
        />
      </Modal>
    </div>
  );
}
