import { Typography } from 'antd';
import { useI18n } from '../../i18n';
import { DbkkTab, ParameterSetsTab, TargetsTab } from './LiteracySettings';
import { UrlTabs } from '../../components/UrlTabs';

/** The Sở's literacy and learning-society settings: parameter sets, targets and ĐBKK communes (the tab in the URL). */
export function SettingsLiteracyPage() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>{t('settings.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('settings.intro')}</Typography.Paragraph>
      <UrlTabs
        items={[
          { key: 'params', label: t('settings.tabParams'), children: <ParameterSetsTab /> },
          { key: 'targets', label: t('settings.tabTargets'), children: <TargetsTab /> },
          { key: 'dbkk', label: t('settings.tabDbkk'), children: <DbkkTab /> },
        ]}
      />
    </>
  );
}
