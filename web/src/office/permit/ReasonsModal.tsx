import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { CORRECTION_ITEMS, REJECTION_REASONS, type CorrectionItem, type RejectionReason } from '#shared/permit/lifecycle';

/** Return for correction (补正: what to correct) or reject (不予受理: why); both with an optional note. */
export type ReasonsKind = 'return' | 'reject';

export interface ReasonsInput {
  items: (CorrectionItem | RejectionReason)[];
  note?: string;
}

interface Props {
  kind: ReasonsKind | undefined;
  sending: boolean;
  /** A message from the server that belongs to no field of this form. */
  failure?: string;
  /** Field messages from the server: the items (corrections or reasons) and the note. */
  fieldErrors?: { items?: string; note?: string };
  onSubmit(input: ReasonsInput): void;
  onCancel(): void;
}

/** At least one item is required: a return says what to correct, a refusal always says why. */
export function ReasonsModal({ kind, sending, failure, fieldErrors, onSubmit, onCancel }: Props) {
  const { t } = useTranslation(['permitReview']);
  const [form] = Form.useForm<ReasonsInput>();
  const texts =
    kind === 'reject'
      ? {
          title: t('permitReview:rejectForm.title'),
          lead: t('permitReview:rejectForm.lead'),
          items: t('permitReview:rejectForm.items'),
          required: t('permitReview:rejectForm.itemsRequired'),
          note: t('permitReview:rejectForm.note'),
          placeholder: t('permitReview:rejectForm.notePlaceholder'),
          submit: t('permitReview:rejectForm.submit'),
          options: REJECTION_REASONS.map((value) => ({ value, label: t(`permitReview:rejectionReasons.${value}`) })),
        }
      : {
          title: t('permitReview:returnForm.title'),
          lead: t('permitReview:returnForm.lead'),
          items: t('permitReview:returnForm.items'),
          required: t('permitReview:returnForm.itemsRequired'),
          note: t('permitReview:returnForm.note'),
          placeholder: t('permitReview:returnForm.notePlaceholder'),
          submit: t('permitReview:returnForm.submit'),
          options: CORRECTION_ITEMS.map((value) => ({ value, label: t(`permitReview:corrections.${value}`) })),
        };

  return (
    <Modal
      open={kind !== undefined}
      title={texts.title}
      okText={texts.submit}
      okButtonProps={{ danger: true }}
      cancelText={t('permitReview:action.cancel')}
      confirmLoading={sending}
      onOk={() => form.submit()}
      onCancel={onCancel}
      afterClose={() => form.resetFields()}
      width={600}
    >
      <p>{texts.lead}</p>
      <Form<ReasonsInput>
        form={form}
        layout="vertical"
        initialValues={{ items: [], note: '' }}
        onFinish={(values) => {
          const note = values.note?.trim();
          onSubmit({ items: values.items, note: note ? note : undefined });
        }}
      >
        <Form.Item
          name="items"
          label={texts.items}
          rules={[{ type: 'array', required: true, min: 1, message: texts.required }]}
          validateStatus={fieldErrors?.items ? 'error' : undefined}
          help={fieldErrors?.items}
        >
          <Checkbox.Group className="review-reasons" options={texts.options} />
        </Form.Item>
        <Form.Item name="note" label={texts.note} validateStatus={fieldErrors?.note ? 'error' : undefined} help={fieldErrors?.note}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder={texts.placeholder} />
        </Form.Item>
      </Form>
      {failure && <Alert className="review-alert" type="error" showIcon title={failure} />}
    </Modal>
  );
}
