import type { ReactNode } from 'react';
import { Alert, Modal, type FormInstance, type ModalProps } from 'antd';

export type FormModalProps = Omit<ModalProps, 'confirmLoading' | 'onOk'> & {
  /** The form inside, which the OK button submits. */
  form: FormInstance;
  sending: boolean;
  /** A message from the server that belongs to no field of the form: shown under it. */
  failure?: string | undefined;
  children: ReactNode;
};

/** A modal around a form: its OK button submits the form and turns busy while it is sent; a failure shows under the form. */
export function FormModal({ form, sending, failure, children, ...modal }: FormModalProps) {
  return (
    <Modal {...modal} confirmLoading={sending} onOk={() => form.submit()}>
      {children}
      {failure && <Alert className="review-alert" type="error" showIcon title={failure} />}
    </Modal>
  );
}
