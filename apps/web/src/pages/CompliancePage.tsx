import { useSearchParams } from 'react-router-dom';
import { Card, Tabs, Typography } from 'antd';
import { useI18n } from '../i18n';
import { FindingsPanel } from '../components/compliance/FindingsPanel';
import { InspectionsPanel } from '../components/compliance/InspectionsPanel';
import { CasesPanel } from '../components/compliance/CasesPanel';
import { ComplianceGroupsPanel } from '../components/compliance/ComplianceGroupsPanel';

const TABS = ['findings', 'inspections', 'cases'] as const;
type Tab = (typeof TABS)[number];

/** Compliance work: findings, a centre's inspections, unlicensed-operator cases (the tab is kept in the URL). */
export function CompliancePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(raw ?? '') ? (raw as Tab) : 'findings';
  const setTab = (key: string) => {
    const next = new URLSearchParams(params);
    if (key === 'findings') next.delete('tab');
    else next.set('tab', key);
    setParams(next, { replace: true });
  };
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>{t('cw.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>{t('cw.intro')}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <ComplianceGroupsPanel />
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
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
