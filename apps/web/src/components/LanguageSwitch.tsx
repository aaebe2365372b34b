import { Segmented } from 'antd';
import type { Language } from '@gdtx/domain';
import { useI18n } from '../i18n';

/** VI / EN, wherever it is shown (the login page, the header, the phone's menu drawer). */
export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <Segmented<Language>
      aria-label={t('app.language')}
      data-testid="language-switch"
      size="small"
      value={language}
      onChange={(v) => setLanguage(v)}
      options={[{ label: 'VI', value: 'vi' }, { label: 'EN', value: 'en' }]}
    />
  );
}
