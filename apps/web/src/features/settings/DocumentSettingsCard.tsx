import { useEffect } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Col, Form, Input, Row, Typography } from 'antd';
import { DOCUMENT_SETTINGS, SAVE_DOCUMENT_SETTINGS } from './documentSettings.documents';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n';
import { ErrorState, Loading } from '../../components/States';

interface FormValues {
  governingBody: string;
  issuingBody: string;
  symbol: string;
  place: string;
  signerAuthority: string;
  signerTitle: string;
  signerName: string;
  recipients: string;
}

/**
 * "Thông tin văn bản": what the Sở's official documents carry at their head and foot (Decree 30/2020): the
 * governing and issuing bodies, the symbol of the number, the place, the signer and the recipients. Shown with
 * the defaults from the province's name until the Sở saves its own.
 */
export function DocumentSettingsCard() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { data, loading, error, refetch } = useQuery(DOCUMENT_SETTINGS, { fetchPolicy: 'cache-and-network' });
  const [save, saving] = useMutation(SAVE_DOCUMENT_SETTINGS);
  const settings = data?.documentSettings;

  useEffect(() => {
    if (!settings) return;
    form.setFieldsValue({ ...settings, signerAuthority: settings.signerAuthority ?? '', recipients: settings.recipients.join('\n') });
  }, [settings, form]);

  const onFinish = async (v: FormValues) => {
    try {
      await save({
        variables: {
          input: {
            governingBody: v.governingBody, issuingBody: v.issuingBody, symbol: v.symbol, place: v.place,
            signerAuthority: v.signerAuthority.trim() || null, signerTitle: v.signerTitle, signerName: v.signerName ?? '',
            recipients: v.recipients.split('\n').map((r) => r.trim()).filter(Boolean),
          },
        },
        refetchQueries: [DOCUMENT_SETTINGS],
      });
      void message.success(t('docs.settings.saved'));
    } catch (e) {
      void message.error(describeError(e, language).message);
    }
  };

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('docs.settings.title')}</h2>} style={{ marginTop: 16 }} data-testid="document-settings">
      <Typography.Paragraph type="secondary">{t('docs.settings.intro')}</Typography.Paragraph>
      {error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : (
        <>
          {settings?.isDefault && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('docs.settings.defaults')} />}
          <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark>
            <Row gutter={16}>
              <Col xs={24} md={12}><Form.Item name="governingBody" label={t('docs.settings.governingBody')} rules={[{ required: true, whitespace: true, message: t('docs.settings.required') }]}><Input maxLength={200} /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="issuingBody" label={t('docs.settings.issuingBody')} rules={[{ required: true, whitespace: true, message: t('docs.settings.required') }]}><Input maxLength={200} /></Form.Item></Col>
              <Col xs={24} md={6}><Form.Item name="symbol" label={t('docs.settings.symbol')} extra={t('docs.settings.symbolHelp')} rules={[{ required: true, whitespace: true, message: t('docs.settings.required') }]}><Input maxLength={40} /></Form.Item></Col>
              <Col xs={24} md={6}><Form.Item name="place" label={t('docs.settings.place')} rules={[{ required: true, whitespace: true, message: t('docs.settings.required') }]}><Input maxLength={100} /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="signerAuthority" label={t('docs.settings.signerAuthority')} extra={t('docs.settings.signerAuthorityHelp')}><Input maxLength={100} /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="signerTitle" label={t('docs.settings.signerTitle')} rules={[{ required: true, whitespace: true, message: t('docs.settings.required') }]}><Input maxLength={100} /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="signerName" label={t('docs.settings.signerName')} extra={t('docs.settings.signerNameHelp')}><Input maxLength={100} /></Form.Item></Col>
              <Col xs={24}><Form.Item name="recipients" label={t('docs.settings.recipients')} extra={t('docs.settings.recipientsHelp')}><Input.TextArea rows={5} /></Form.Item></Col>
            </Row>
            <Button type="primary" htmlType="submit" loading={saving.loading} data-testid="document-settings-save">{t('docs.settings.save')}</Button>
          </Form>
        </>
      )}
    </Card>
  );
}
