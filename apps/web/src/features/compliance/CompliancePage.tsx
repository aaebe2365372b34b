import { Card, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { FindingsPanel } from './FindingsPanel';
import { InspectionsPanel } from './InspectionsPanel';
import { CasesPanel } from './CasesPanel';
import { ComplianceGroupsPanel } from './ComplianceGroupsPanel';
import { UrlTabs } from '../../components/UrlTabs';

/** Compliance work: findings, a centre's inspections, unlicensed-operator cases (the tab is kept in the URL). */
export function CompliancePage() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>{t('cw.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>{t('cw.intro')}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <ComplianceGroupsPanel />
      </Card>
      <Card>
        <UrlTabs
          items={[
            { key: 'findings', label: t('cw.tab.findings'), children: <FindingsPanel /> },
            { key: 'inspections', label: t('cw.tab.inspections'), children: <InspectionsPanel /> },
            { key: 'cases', label: t('cw.tab.cases'), children: <CasesPanel /> },
          ]}
        />
      </Card>
    </>
  );
}
