import { useState } from 'react';
import { Form, type FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError, messageOf } from '../../api/errors.ts';

export interface FieldErrors<Name extends string> {
  /** For antd's `form.setFields`: each marked field with the server's message under it. */
  fields: { name: Name; errors: string[] }[];
  /** The message for the form as a whole, when no field shown on the form was marked. */
  message?: string;
}

/**
 * A refused request spread over an antd form: the server's field paths (`address.division`) are
 * mapped to the form's field names (`division`); what no field takes is the form's own message.
 */
export function fieldErrors<Name extends string>(error: unknown, paths: Readonly<Record<string, Name>>, t: TFunction): FieldErrors<Name> {
  const fields: { name: Name; errors: string[] }[] = [];
  if (error instanceof ApiError) {
    for (const field of error.fields) {
      const name = paths[field.path];
      if (!name) continue;
      const existing = fields.find((entry) => entry.name === name);
      if (existing) existing.errors.push(field.message);
      else fields.push({ name, errors: [field.message] });
    }
  }
  return fields.length > 0 ? { fields } : { fields, message: messageOf(error, t) };
}

/**
 * A modal's form sent by `send`: busy while it is, a refusal spread over the form by `paths` (as
 * `fieldErrors`), and the form blank again once the modal has closed. `frame` is for `FormModal`.
 */
export function useServerForm<Values, Name extends keyof Values & string>(
  paths: Readonly<Record<string, Name>>,
  t: TFunction,
  send: (values: Values) => Promise<void>,
) {
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string>();

  async function submit(values: Values) {
    setSending(true);
    setFailure(undefined);
    try {
      await send(values);
    } catch (error) {
      const found = fieldErrors(error, paths, t);
      // The names are the form's own (`paths` maps onto them); antd's path type cannot see that of a generic form.
      form.setFields(found.fields as Parameters<FormInstance<Values>['setFields']>[0]);
      setFailure(found.message);
    } finally {
      setSending(false);
    }
  }

  const afterClose = () => {
    form.resetFields();
    setFailure(undefined);
  };
  return { form, submit, frame: { form, sending, failure, afterClose } };
}
