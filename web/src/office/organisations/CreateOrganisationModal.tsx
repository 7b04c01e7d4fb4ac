import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { isCreditCode, ORGANISATION_TYPES, type OrganisationType } from '#shared/agency/organisation';
import { createOrganisation, type OrganisationView } from '#shared/api/organisations';
import { useServices } from '../../app/services.ts';
import { FormModal } from '../review/FormModal.tsx';
import { DivisionCascader } from './DivisionCascader.tsx';
import { chosenStreet } from './divisions.ts';
import { useServerForm } from './form-errors.ts';

interface Values {
  type?: OrganisationType;
  name?: string;
  creditCode?: string;
  division?: string[];
  detail?: string;
}

/** Where the server's field paths land on this form. */
const SERVER_FIELDS = {
  type: 'type',
  name: 'name',
  creditCode: 'creditCode',
  'address.division': 'division',
  address: 'division',
  'address.detail': 'detail',
} as const satisfies Record<string, keyof Values>;

interface Props {
  open: boolean;
  onCancel(): void;
  onCreated(organisation: OrganisationView): void;
}

/**
 * 新建单位: its type, registered name, unified social credit code (its check character tested
 * here already, for an early word) and its address down to the street.
 */
export function CreateOrganisationModal({ open, onCancel, onCreated }: Props) {
  const { t } = useTranslation(['organisations', 'sheet']);
  const { call } = useServices();
  const { form, submit, frame } = useServerForm(SERVER_FIELDS, t, async (values: Values) => {
    const organisation = await call(createOrganisation, {
      body: {
        type: values.type!,
        name: values.name!.trim(),
        creditCode: values.creditCode!,
        address: { division: chosenStreet(values.division)!, detail: values.detail!.trim() },
      },
    });
    onCreated(organisation);
  });

  return (
    <FormModal
      {...frame}
      open={open}
      title={t('organisations:form.title')}
      okText={t('organisations:form.submit')}
      cancelText={t('organisations:form.cancel')}
      onCancel={onCancel}
      width={640}
    >
      <Form<Values> form={form} layout="vertical" name="organisation" onFinish={(values) => void submit(values)}>
        <Form.Item name="type" label={t('organisations:form.type')} rules={[{ required: true, message: t('organisations:form.typeRequired') }]}>
          <Select<OrganisationType> options={ORGANISATION_TYPES.map((value) => ({ value, label: t(`sheet:orgTypes.${value}`) }))} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('organisations:form.name')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('organisations:form.nameRequired') }]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('organisations:form.creditCode')}
          required
          extra={t('organisations:form.creditCodeHint')}
          validateTrigger="onBlur"
          rules={[
            {
              validator: (_, value: string | undefined) =>
                value && isCreditCode(value) ? Promise.resolve() : Promise.reject(new Error(t('organisations:form.creditCodeInvalid'))),
            },
          ]}
        >
          <Input maxLength={22} autoComplete="off" spellCheck={false} className="orgs-code-input" dir="ltr" />
        </Form.Item>
        <Form.Item
          name="division"
          label={t('organisations:form.division')}
          required
          rules={[
            {
              validator: (_, value: string[] | undefined) =>
                chosenStreet(value) ? Promise.resolve() : Promise.reject(new Error(t('organisations:form.divisionRequired'))),
            },
          ]}
        >
          <DivisionCascader />
        </Form.Item>
        <Form.Item
          name="detail"
          label={t('organisations:form.detail')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('organisations:form.detailRequired') }]}
        >
          <Input maxLength={120} autoComplete="off" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
