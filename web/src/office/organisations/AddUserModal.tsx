import { Alert, Form, Input, Modal, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Phone, Username } from '#shared/api/identity';
import { createOrganisationUser } from '#shared/api/organisations';
import type { CallOutput } from '../../api/client.ts';
import { useServices } from '../../app/services.ts';
import { FormModal } from '../review/FormModal.tsx';
import { Ltr } from '../review/Ltr.tsx';
import { useServerForm } from './form-errors.ts';

export type CreatedUser = CallOutput<typeof createOrganisationUser>;

interface Values {
  username?: string;
  displayName?: string;
  phone?: string;
  orgAdmin?: boolean;
}

const SERVER_FIELDS = { username: 'username', displayName: 'displayName', phone: 'phone', orgAdmin: 'orgAdmin' } as const satisfies Record<
  string,
  keyof Values
>;

interface Props {
  organisationId: string;
  open: boolean;
  onCancel(): void;
  onCreated(created: CreatedUser): void;
}

/** 添加用户: a username, the person's name, a phone if they have one, and whether they administer the organisation. */
export function AddUserModal({ organisationId, open, onCancel, onCreated }: Props) {
  const { t } = useTranslation(['organisations']);
  const { call } = useServices();
  const { form, submit, frame } = useServerForm(SERVER_FIELDS, t, async (values: Values) => {
    const phone = values.phone?.trim();
    onCreated(
      await call(createOrganisationUser, {
        params: { id: organisationId },
        body: {
          username: values.username!,
          displayName: values.displayName!.trim(),
          ...(phone ? { phone } : {}),
          orgAdmin: values.orgAdmin ?? false,
        },
      }),
    );
  });

  return (
    <FormModal
      {...frame}
      open={open}
      title={t('organisations:userForm.title')}
      okText={t('organisations:userForm.submit')}
      cancelText={t('organisations:userForm.cancel')}
      onCancel={onCancel}
      width={560}
    >
      <Form<Values> form={form} layout="vertical" name="organisation-user" initialValues={{ orgAdmin: false }} onFinish={(values) => void submit(values)}>
        <Form.Item
          name="username"
          label={t('organisations:userForm.username')}
          extra={t('organisations:userForm.usernameHint')}
          validateTrigger="onBlur"
          rules={[
            {
              validator: (_, value: string | undefined) =>
                Username.safeParse(value ?? '').success ? Promise.resolve() : Promise.reject(new Error(t('organisations:userForm.usernameInvalid'))),
            },
          ]}
        >
          <Input maxLength={64} autoComplete="off" spellCheck={false} dir="ltr" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('organisations:userForm.displayName')}
          rules={[{ required: true, whitespace: true, message: t('organisations:userForm.displayNameRequired') }]}
        >
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('organisations:userForm.phone')}
          validateTrigger="onBlur"
          rules={[
            {
              validator: (_, value: string | undefined) =>
                !value?.trim() || Phone.safeParse(value).success ? Promise.resolve() : Promise.reject(new Error(t('organisations:userForm.phoneInvalid'))),
            },
          ]}
        >
          <Input maxLength={11} inputMode="tel" autoComplete="off" dir="ltr" />
        </Form.Item>
        <Form.Item name="orgAdmin" label={t('organisations:userForm.orgAdmin')} valuePropName="checked" extra={t('organisations:userForm.orgAdminHint')}>
          {/* Named itself: the audit (and some readers) do not follow a label's `for` to a button. */}
          <Switch aria-label={t('organisations:userForm.orgAdmin')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** The initial password, this once, to copy and hand over. */
export function InitialPasswordModal({ created, onClose }: { created: CreatedUser | undefined; onClose(): void }) {
  const { t } = useTranslation(['organisations']);
  return (
    <Modal
      open={created !== undefined}
      title={t('organisations:password.title')}
      okText={t('organisations:password.done')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
      width={520}
    >
      {created && (
        <>
          <Alert type="warning" showIcon title={t('organisations:password.lead', { username: created.user.username })} className="review-alert" />
          <Typography.Paragraph className="orgs-password" copyable={{ text: created.initialPassword }} data-testid="initial-password">
            <Ltr mono>{created.initialPassword}</Ltr>
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}
