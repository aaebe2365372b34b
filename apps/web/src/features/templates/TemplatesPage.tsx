import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Card, Table, Tag, Typography } from 'antd';
import { REPORT_TEMPLATES, asTemplateSummary, type TemplateSummary } from '../../gql/templates';
import { useI18n, type MessageKey } from '../../i18n';
import { EmptyState, ErrorState } from '../../components/States';
import { deadlineInWords } from './templates';

/** The report templates in force in the province (newest version of each; the province's own first). */
export function TemplatesPage() {
  const { t, pick, language, centreTypeLabel } = useI18n();
  const { data, loading, error, refetch } = useQuery(REPORT_TEMPLATES, { fetchPolicy: 'cache-and-network' });
  const templates = useMemo(() => (data?.reportTemplates ?? []).map(asTemplateSummary), [data]);

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>{t('tpl.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 860 }}>{t('tpl.intro')}</Typography.Paragraph>
      <Card>
        {error && !data ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<TemplateSummary>
            data-testid="template-list"
            rowKey="code"
            size="middle"
            loading={loading && !data}
            dataSource={templates}
            pagination={false}
            locale={{ emptyText: <EmptyState text={t('tpl.empty')} /> }}
            columns={[
              {
                title: t('tpl.col.name'),
                key: 'name',
                render: (_, r) => (
                  <>
                    <Link to={`/templates/${encodeURIComponent(r.code)}`}>{pick(r.nameVi, r.nameEn)}</Link>
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>{r.code}</Typography.Text>
                  </>
                ),
              },
              {
                title: t('tpl.col.centreTypes'),
                dataIndex: 'centreTypes',
                width: 250,
                render: (types: string[]) => types.map((c) => <div key={c}>{centreTypeLabel(c)}</div>),
              },
              { title: t('tpl.col.period'), dataIndex: 'periodType', width: 120, render: (p: string) => t(`tpl.period.${p}` as MessageKey) },
              {
                title: t('tpl.col.version'),
                dataIndex: 'version',
                width: 96,
                render: (v: number) => <span data-testid="template-version">{t('tpl.versionN', { n: v })}</span>,
              },
              {
                title: t('tpl.col.scope'),
                dataIndex: 'national',
                width: 110,
                render: (national: boolean) => (
                  <Tag color={national ? 'default' : 'blue'} style={{ color: '#1f1f1f' }}>{t(national ? 'tpl.national' : 'tpl.provincial')}</Tag>
                ),
              },
              {
                title: t('tpl.col.deadline'),
                key: 'deadline',
                width: 230,
                render: (_, r) => deadlineInWords(r.definition?.deadline, r.periodType, language),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
