import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { DownloadError, downloadFile } from '../download';
import { useI18n } from '../i18n';
import { fallbackDocumentName, type DocumentFormat } from '../officialDocuments';

/**
 * "Văn bản DOCX" / "Văn bản PDF": downloads an official document (Decree 30/2020 layout) with the session's token.
 * The DOCX is for editing before signing, the PDF for sending as it is.
 */
export function OfficialDocumentButtons({ urlOf, fileStem, testId }: { urlOf: (format: DocumentFormat) => string; fileStem: string; testId: string }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<DocumentFormat | null>(null);
  const download = async (format: DocumentFormat) => {
    setBusy(format);
    try {
      await downloadFile(urlOf(format), fallbackDocumentName(fileStem, format));
    } catch (e) {
      const server = e instanceof DownloadError && e.messageVi ? pick(e.messageVi, e.messageEn) : null;
      void message.error(server ? `${t('docs.downloadFailed')}: ${server}` : t('docs.downloadFailed'));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space wrap size={4}>
      <Button onClick={() => void download('docx')} loading={busy === 'docx'} data-testid={`${testId}-docx`} title={t('docs.docxHelp')}>{t('docs.docx')}</Button>
      <Button onClick={() => void download('pdf')} loading={busy === 'pdf'} data-testid={`${testId}-pdf`} title={t('docs.pdfHelp')}>{t('docs.pdf')}</Button>
    </Space>
  );
}
