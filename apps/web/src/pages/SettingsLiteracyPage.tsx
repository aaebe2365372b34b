import { Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../i18n';
import { DbkkTab, ParameterSetsTab, TargetsTab } from '../components/LiteracySettings';

const TABS = ['params', 'targets', 'dbkk'] as const;
type TabKey = (typeof TABS)[number];

/** The Sở's literacy and learning-society settings: parameter sets, targets and ĐBKK communes (the [U] parameters). */
export function SettingsLiteracyPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'params';
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>{t('settings.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('settings.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'params', label: t('settings.tabParams'), children: <ParameterSetsTab /> },
          { key: 'targets', label: t('settings.tabTargets'), children: <TargetsTab /> },
          { key: 'dbkk', label: t('settings.tabDbkk'), children: <DbkkTab /> },
        ]}
      />
    </>
  );
}
