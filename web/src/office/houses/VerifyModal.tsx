import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StayStatement } from '#shared/api/landlord';
import { INTENDED_STAYS, RESIDENCE_REASONS, type IntendedStay, type ResidenceReason } from '#shared/residence/vocabulary';
import { FormModal } from '../review/FormModal.tsx';
import { useCodes } from '../review/useCodes.ts';

interface Props {
  /** The tenant being verified; the modal is open while there is one. */
  name?: string | undefined;
  sending: boolean;
  /** A message from the server that belongs to no field of this form. */
  failure?: string | undefined;
  onSubmit(stay: StayStatement): void;
  onCancel(): void;
}

interface Values {
  intendedStay?: IntendedStay;
  reason?: ResidenceReason;
  reasonDetail?: string;
}

/**
 * Verifying a landlord's report: the officer has checked that the tenant lives here and records
 * what the tenant told them — how long they mean to stay and why (in words when "other") — since
 * the registration states it and the landlord's report does not.
 */
export function VerifyModal({ name, sending, failure, onSubmit, onCancel }: Props) {
  const { t } = useTranslation(['houseWatch', 'review', 'residence']);
  const codes = useCodes();
  const [form] = Form.useForm<Values>();
  const choiceRequired = { required: true, message: t('residence:declare.choiceRequired') };

  return (
    <FormModal
      form={form}
      sending={sending}
      failure={failure}
      open={name !== undefined}
      title={t('houseWatch:verify.confirmTitle')}
      okText={t('houseWatch:verify.action')}
      cancelText={t('houseWatch:verify.cancel')}
      onCancel={onCancel}
      // A fresh form for each tenant: what was chosen for one is never sent for the next.
      destroyOnHidden
      width={560}
    >
      <p className="review-reveal-note">{t('houseWatch:verify.confirm', { name })}</p>
      <p>{t('houseWatch:verify.stayLead')}</p>
      <Form<Values>
        form={form}
        layout="vertical"
        clearOnDestroy
        onFinish={(values) => {
          const reasonDetail = values.reason === 'other' ? values.reasonDetail?.trim() : undefined;
          onSubmit({ intendedStay: values.intendedStay!, reason: values.reason!, ...(reasonDetail ? { reasonDetail } : {}) });
        }}
      >
        <Form.Item name="intendedStay" label={t('review:residence.intendedStay')} rules={[choiceRequired]}>
          <Radio.Group options={INTENDED_STAYS.map((value) => ({ value, label: codes.intendedStay(value) }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('review:residence.reason')} rules={[choiceRequired]}>
          <Radio.Group options={RESIDENCE_REASONS.map((value) => ({ value, label: codes.reason(value) }))} />
        </Form.Item>
        <Form.Item noStyle dependencies={['reason']}>
          {({ getFieldValue }) =>
            getFieldValue('reason') === 'other' && (
              <Form.Item
                name="reasonDetail"
                label={t('houseWatch:verify.reasonDetail')}
                rules={[{ required: true, whitespace: true, message: t('houseWatch:verify.reasonDetailRequired') }]}
              >
                <Input maxLength={80} showCount />
              </Form.Item>
            )
          }
        </Form.Item>
      </Form>
    </FormModal>
  );
}
