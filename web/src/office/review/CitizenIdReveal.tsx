import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Space, Tag } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { revealCitizenId } from '#shared/api/review';
import { formErrors } from '../../api/form-errors.ts';
import { useServices } from '../../app/services.ts';
import { isolate } from '../../i18n/bidi.ts';
import { Ltr } from './Ltr.tsx';

/** Purposes an officer commonly states; any other can be typed. */
const PURPOSES = ['verifyIdentity', 'checkHukou', 'matchDocuments'] as const;

/**
 * The masked ID number, and the full one on request: the officer states why, the server records the
 * look-up in the person's "who viewed my data", and the number is shown until hidden again.
 */
export function CitizenIdReveal({ declarationId, masked }: { declarationId: string; masked: string }) {
  const { t } = useTranslation(['review']);
  const { call } = useServices();
  const [asking, setAsking] = useState(false);
  const [revealed, setRevealed] = useState<{ citizenId: string; purpose: string }>();
  const [purpose, setPurpose] = useState('');
  const [error, setError] = useState<{ purpose?: string; form?: string }>({});
  const [sending, setSending] = useState(false);

  async function reveal() {
    const stated = purpose.trim();
    if (stated.length < 2) {
      setError({ purpose: t('review:reveal.purposeRequired') });
      return;
    }
    setSending(true);
    setError({});
    try {
      const answer = await call(revealCitizenId, { params: { id: declarationId }, body: { purpose: stated } });
      setRevealed({ citizenId: answer.citizenId, purpose: stated });
      setAsking(false);
      setPurpose('');
    } catch (failure) {
      setError(formErrors(failure, ['purpose'], t));
    } finally {
      setSending(false);
    }
  }

  return (
    <div className="review-citizen-id">
      <Space wrap>
        <Ltr mono>{revealed ? revealed.citizenId : masked}</Ltr>
        {revealed ? (
          <Button size="small" icon={<EyeInvisibleOutlined aria-hidden />} onClick={() => setRevealed(undefined)}>
            {t('review:reveal.hide')}
          </Button>
        ) : (
          <Button size="small" icon={<EyeOutlined aria-hidden />} onClick={() => setAsking(true)}>
            {t('review:reveal.show')}
          </Button>
        )}
      </Space>
      {revealed && (
        <Alert
          className="review-reveal-note"
          type="info"
          showIcon
          title={t('review:reveal.recorded', { purpose: isolate(revealed.purpose) })}
        />
      )}
      <Modal
        open={asking}
        title={t('review:reveal.title')}
        okText={t('review:reveal.confirm')}
        cancelText={t('review:action.cancel')}
        confirmLoading={sending}
        onOk={() => void reveal()}
        onCancel={() => {
          setAsking(false);
          setError({});
        }}
        destroyOnHidden
      >
        <p>{t('review:reveal.lead')}</p>
        <Form layout="vertical" onFinish={() => void reveal()}>
          <Form.Item
            label={t('review:reveal.purpose')}
            htmlFor="review-reveal-purpose"
            required
            validateStatus={error.purpose ? 'error' : undefined}
            help={error.purpose}
          >
            <Input
              id="review-reveal-purpose"
              autoFocus
              maxLength={200}
              value={purpose}
              placeholder={t('review:reveal.purposePlaceholder')}
              onChange={(event) => setPurpose(event.target.value)}
            />
          </Form.Item>
          <div className="review-purposes">
            {PURPOSES.map((key) => {
              const text = t(`review:reveal.purposes.${key}`);
              return (
                <Tag.CheckableTag key={key} checked={purpose === text} onChange={() => setPurpose(text)}>
                  {text}
                </Tag.CheckableTag>
              );
            })}
          </div>
        </Form>
        {error.form && <Alert className="review-alert" type="error" showIcon title={error.form} />}
      </Modal>
    </div>
  );
}
