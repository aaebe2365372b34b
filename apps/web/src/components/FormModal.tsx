import type { ReactNode } from 'react';
import { Alert, Form, Modal, Row, type FormInstance, type FormProps } from 'antd';
import { useI18n } from '../i18n';

/** A refusal above a dialog's form, in the user's words (the input stays as typed). */
export function ErrorBanner({ text, action }: { text: string | null; action?: ReactNode }) {
  if (!text) return null;
  return <Alert type="error" showIcon role="alert" title={text} action={action} style={{ marginBottom: 16 }} data-testid="form-error" />;
}

export interface FormModalProps<V> {
  /** Default true: most dialogs are mounted only while open. */
  open?: boolean;
  title: ReactNode;
  width?: number;
  form: FormInstance<V>;
  /** Save (OK): validate and send; the caller's submit path (useModalSubmit or its own) decides what follows. */
  onSubmit(): void;
  onClose(): void;
  /** The request is under way: OK shows it and cannot be pressed twice. */
  running: boolean;
  okText?: string;
  /** Help above everything (an Alert or a paragraph). */
  intro?: ReactNode;
  /** The server's refusal, between the help and the form. */
  refusal?: ReactNode;
  /** Keep the form mounted while closed (a dialog that keeps its baseline for conflict checks). */
  keepMounted?: boolean;
  formProps?: Omit<FormProps<V>, 'form' | 'layout' | 'children'>;
  /** data-testid of the form (browser tests find the dialog's fields through it). */
  testId?: string;
  /** Default true: the fields are Cols on a 16-px-gutter grid; false for a single column of fields. */
  grid?: boolean;
  children: ReactNode;
}

/**
 * The one form-in-a-dialog scaffolding of the web (issue 16 item 10): Save / Cancel in the user's language, a
 * refusal shown above the vertical form, the fields on one grid, mounted only while open unless asked.
 */
export function FormModal<V>({ open = true, title, width = 680, form, onSubmit, onClose, running, okText, intro, refusal, keepMounted, formProps, testId, grid = true, children }: FormModalProps<V>) {
  const { t } = useI18n();
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      onCancel={onClose}
      onOk={onSubmit}
      okText={okText ?? t('admin.save')}
      cancelText={t('common.cancel')}
      confirmLoading={running}
      {...(keepMounted ? { forceRender: true } : { destroyOnHidden: true })}
    >
      {intro}
      {refusal}
      <Form<V> form={form} layout="vertical" requiredMark data-testid={testId} {...formProps}>
        {grid ? <Row gutter={16}>{children}</Row> : children}
      </Form>
    </Modal>
  );
}
