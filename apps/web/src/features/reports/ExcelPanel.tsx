import { useRef, useState } from 'react';
import { Alert, Button, Card, Progress, Space, Table } from 'antd';
import { readSession, refreshSession } from '../../session';
import { envelopeError, type ErrorEnvelope } from '../../download';
import { useI18n } from '../../i18n';

/** One problem of an uploaded workbook (libs/reporting CellProblem). */
export interface CellProblem {
  sheet: string | null;
  cell: string | null;
  key: string | null;
  code: string;
  messageVi: string;
  messageEn: string;
}

/**
 * REST endpoints of the workbook round-trip (libs/reporting workbook.controller.ts, same session as GraphQL):
 * GET with the target in the query; POST multipart with the target as fields and the file as `file`,
 * answering `{ ok: true, … }` or 422 with the problems in the error envelope (`errors[0].extensions.problems`).
 */
export function workbookUrl(centreId: string, templateCode: string, periodCode: string): string {
  const q = new URLSearchParams({ centreId, templateCode, periodCode });
  return `/api/reports/workbook?${q.toString()}`;
}

async function freshToken(): Promise<string | undefined> {
  const session = readSession();
  if (session && session.expiresAt - 30_000 < Date.now()) return (await refreshSession())?.accessToken;
  return session?.accessToken;
}

/**
 * Download a pre-filled workbook; upload it back as the draft with an upload progress bar and, when the file
 * is refused, the list of problems by sheet and cell. XMLHttpRequest because fetch reports no upload progress.
 */
export function ExcelPanel({ centreId, templateCode, periodCode, editable, onUploaded }: {
  centreId: string;
  templateCode: string;
  periodCode: string;
  editable: boolean;
  onUploaded(): void;
}) {
  const { t, pick, language } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [problems, setProblems] = useState<CellProblem[] | null>(null);
  const [result, setResult] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const [downloading, setDownloading] = useState(false);
  const url = workbookUrl(centreId, templateCode, periodCode);

  const download = async () => {
    setDownloading(true);
    setResult(null);
    try {
      const token = await freshToken();
      const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (!res.ok) throw new Error(await messageOf(res, language));
      const blob = await res.blob();
      const name = /filename\*?=(?:UTF-8'')?"?([^";]+)/i.exec(res.headers.get('content-disposition') ?? '')?.[1];
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = name ? decodeURIComponent(name) : `${templateCode}_${periodCode}.xlsx`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (e) {
      setResult({ type: 'error', text: (e as Error).message || t('error.NETWORK') });
    } finally {
      setDownloading(false);
    }
  };

  const upload = async (file: File) => {
    setProblems(null);
    setResult(null);
    setProgress(0);
    const token = await freshToken();
    const form = new FormData();
    form.append('centreId', centreId);
    form.append('templateCode', templateCode);
    form.append('periodCode', periodCode);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/reports/workbook');
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => {
      setProgress(null);
      setResult({ type: 'error', text: t('error.NETWORK') });
    };
    xhr.onload = () => {
      setProgress(null);
      // Success: `{ ok: true, … }`. Refusals use the API's one error envelope (issue 13): `{ errors: [{ message,
      // extensions: { code, messageEn, problems? } }] }`; a refused workbook (422) lists its problems there.
      let body: { ok?: boolean; errors?: { message?: string; extensions?: { messageEn?: string; problems?: CellProblem[] } }[] } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: fall through to the status
      }
      if (xhr.status >= 200 && xhr.status < 300 && body.ok !== false) {
        setResult({ type: 'success', text: t('form.uploadOk') });
        onUploaded();
        return;
      }
      const refusal = body.errors?.[0];
      const problems = refusal?.extensions?.problems;
      if (Array.isArray(problems) && problems.length) {
        setProblems(problems);
        setResult({ type: 'error', text: t('form.uploadErrors') });
      } else {
        setResult({ type: 'error', text: pick(refusal?.message ?? t('error.INTERNAL'), refusal?.extensions?.messageEn) });
      }
    };
    xhr.send(form);
  };

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('form.excel')}</h2>} size="small" style={{ marginBottom: 16 }}>
      <Space wrap>
        <Button onClick={() => void download()} loading={downloading}>{t('form.download')}</Button>
        {editable && (
          <>
            <Button onClick={() => input.current?.click()} disabled={progress !== null}>{t('form.upload')}</Button>
            <input
              ref={input}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              style={{ display: 'none' }}
              aria-label={t('form.upload')}
              data-testid="excel-upload"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void upload(file);
              }}
            />
          </>
        )}
      </Space>
      {progress !== null && <Progress percent={progress} size="small" aria-label={t('form.upload')} />}
      {result && <Alert style={{ marginTop: 8 }} type={result.type} showIcon title={result.text} role={result.type === 'error' ? 'alert' : 'status'} />}
      {problems && (
        <Table<CellProblem>
          style={{ marginTop: 8 }}
          size="small"
          rowKey={(p, i) => `${p.sheet}-${p.cell}-${i}`}
          pagination={false}
          dataSource={problems}
          data-testid="excel-problems"
          columns={[
            { title: t('form.sheet'), dataIndex: 'sheet', width: 160, render: (v: string | null) => v ?? '—' },
            { title: t('form.cell'), dataIndex: 'cell', width: 80, render: (v: string | null) => v ?? '—' },
            { title: t('form.message'), key: 'message', render: (_, p) => pick(p.messageVi, p.messageEn) },
          ]}
        />
      )}
    </Card>
  );
}

async function messageOf(res: Response, language: 'vi' | 'en'): Promise<string> {
  try {
    const { messageVi, messageEn } = envelopeError((await res.json()) as ErrorEnvelope);
    return (language === 'en' ? messageEn : messageVi) ?? messageVi ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}
