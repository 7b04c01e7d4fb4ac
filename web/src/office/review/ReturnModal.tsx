import { useState } from 'react';
import { Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { RETURN_REASONS, type ReturnReason } from '#shared/residence/vocabulary';
import { FormModal } from './FormModal.tsx';
import { useCodes } from './useCodes.ts';

export interface ReturnInput {
  reasons: ReturnReason[];
  note?: string;
}

interface Props {
  open: boolean;
  sending: boolean;
  /** A message from the server that belongs to no field of this form. */
  failure?: string;
  /** Field messages from the server, by field. */
  fieldErrors?: { reasons?: string; note?: string };
  onSubmit(input: ReturnInput): void;
  onCancel(): void;
}

/** Return for correction: at least one reason, and a note when the reason is "other". */
export function ReturnModal({ open, sending, failure, fieldErrors, onSubmit, onCancel }: Props) {
  const { t } = useTranslation(['review']);
  const codes = useCodes();
  const [form] = Form.useForm<ReturnInput>();
  const [otherChosen, setOtherChosen] = useState(false);

  return (
    <FormModal
      form={form}
      sending={sending}
      failure={failure}
      open={open}
      title={t('review:returnForm.title')}
      okText={t('review:returnForm.submit')}
      okButtonProps={{ danger: true }}
      cancelText={t('review:action.cancel')}
      onCancel={onCancel}
      afterClose={() => {
        form.resetFields();
        setOtherChosen(false);
      }}
      width={560}
    >
      <p>{t('review:returnForm.lead')}</p>
      <Form<ReturnInput>
        form={form}
        layout="vertical"
        initialValues={{ reasons: [], note: '' }}
        onValuesChange={(_, values) => setOtherChosen(values.reasons?.includes('other') ?? false)}
        onFinish={(values) => {
          const note = values.note?.trim();
          onSubmit({ reasons: values.reasons, note: note ? note : undefined });
        }}
      >
        <Form.Item
          name="reasons"
          label={t('review:returnForm.reasons')}
          rules={[{ type: 'array', required: true, min: 1, message: t('review:returnForm.reasonsRequired') }]}
          validateStatus={fieldErrors?.reasons ? 'error' : undefined}
          help={fieldErrors?.reasons}
        >
          <Checkbox.Group className="review-reasons" options={RETURN_REASONS.map((value) => ({ value, label: codes.returnReason(value) }))} />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('review:returnForm.note')}
          extra={otherChosen ? undefined : t('review:returnForm.noteHint')}
          required={otherChosen}
          dependencies={['reasons']}
          rules={[
            ({ getFieldValue }) => ({
              validator(_, value: string | undefined) {
                const reasons = (getFieldValue('reasons') as ReturnReason[] | undefined) ?? [];
                if (reasons.includes('other') && !value?.trim()) return Promise.reject(new Error(t('review:returnForm.noteRequired')));
                return Promise.resolve();
              },
            }),
          ]}
          validateStatus={fieldErrors?.note ? 'error' : undefined}
          help={fieldErrors?.note}
        >
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('review:returnForm.notePlaceholder')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
