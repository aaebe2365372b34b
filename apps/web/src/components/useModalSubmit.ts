import { useState } from 'react';
import { App, type FormInstance } from 'antd';
import { describeError } from '../errors';
import { useI18n } from '../i18n';

/**
 * The submit path the admin dialogs share: validate the form (field messages show under the fields), run the
 * change, confirm it, reset and close; a refusal from the server stays on the dialog in plain Vietnamese with
 * the user's input kept.
 */
export function useModalSubmit<V>(form: FormInstance<V>, run: (values: V) => Promise<unknown>, done: { success: string; onDone(): void }) {
  const { language } = useI18n();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    setRunning(true);
    try {
      await run(values);
      message.success(done.success);
      form.resetFields();
      done.onDone();
    } catch (e) {
      setError(describeError(e, language).message);
    } finally {
      setRunning(false);
    }
  };
  return { submit, error, running };
}
