import { useState } from 'react';
import { Card, Select, Space, Table, Timeline, Typography } from 'antd';
import { valueKeyLabel, type FieldValue, type TemplateDefinition } from '@gdtx/domain';
import { diffValues, type Change } from './diff';
import type { SubmissionDetail } from '../../gql/reporting';
import { useI18n, type MessageKey } from '../../i18n';
import { SubmissionStatusTag } from '../../components/States';

/** Events (who did what, when, with which comment) and submitted versions with a diff between two of them. */
export function SubmissionHistory({ submission, template }: { submission: SubmissionDetail; template: TemplateDefinition }) {
  const { t, language, formatDateTime, formatNumber } = useI18n();
  const versions = [...submission.versions].sort((a, b) => a.number - b.number);
  const [fromVersion, setFromVersion] = useState<number | undefined>(versions.length >= 2 ? versions[versions.length - 2].number : undefined);
  const [toVersion, setToVersion] = useState<number | undefined>(versions.length >= 1 ? versions[versions.length - 1].number : undefined);
  const from = versions.find((v) => v.number === fromVersion);
  const to = versions.find((v) => v.number === toVersion);
  const changes = from && to ? diffValues(template, from.values ?? {}, to.values ?? {}, language) : [];
  const show = (v: FieldValue) => (v === null ? '—' : typeof v === 'number' ? formatNumber(v) : typeof v === 'boolean' ? (v ? t('form.yes') : t('form.no')) : v);

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('form.history')}</h2>} data-testid="history">
      <Typography.Title level={3} style={{ fontSize: 14 }}>{t('form.events')}</Typography.Title>
      <Timeline
        items={[...submission.events]
          .sort((a, b) => a.at.localeCompare(b.at))
          .map((e) => ({
            key: e.id,
            content: (
              <div>
                <strong>{t(`action.${e.action}` as MessageKey)}</strong> · {e.actorName ?? '—'} · {formatDateTime(e.at)}{' '}
                <SubmissionStatusTag status={e.toStatus} />
                {e.comment ? <div>“{e.comment}”</div> : null}
                {e.fieldComments.map((c) => (
                  <div key={c.field}>
                    <Typography.Text type="secondary">{safeLabel(template, c.field, language)}:</Typography.Text> {c.comment}
                  </div>
                ))}
              </div>
            ),
          }))}
      />
      {versions.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 14 }}>{t('form.diff')}</Typography.Title>
          <Space wrap style={{ marginBottom: 8 }}>
            <Select
              aria-label={t('form.before')}
              value={fromVersion}
              onChange={setFromVersion}
              style={{ width: 220 }}
              options={versions.map((v) => ({ value: v.number, label: `${t('form.submissionNo', { n: v.number })} · ${formatDateTime(v.submittedAt)}` }))}
            />
            →
            <Select
              aria-label={t('form.after')}
              value={toVersion}
              onChange={setToVersion}
              style={{ width: 220 }}
              options={versions.map((v) => ({ value: v.number, label: `${t('form.submissionNo', { n: v.number })} · ${formatDateTime(v.submittedAt)}` }))}
            />
          </Space>
          <Table<Change>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={changes}
            columns={[
              { title: t('form.field'), dataIndex: 'label' },
              { title: t('form.before'), dataIndex: 'from', render: show, width: 140 },
              { title: t('form.after'), dataIndex: 'to', render: show, width: 140 },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function safeLabel(template: TemplateDefinition, key: string, language: 'vi' | 'en'): string {
  return valueKeyLabel(template, key, language);
}
