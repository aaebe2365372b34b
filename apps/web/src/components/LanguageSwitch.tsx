import { useEffect } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { Segmented } from 'antd';
import type { Language } from '@gdtx/domain';
import { useAuth } from '../auth';
import { SET_MY_LANGUAGE } from '../gql/org';
import { useI18n } from '../i18n';

/** The language each signed-in account last had kept on the server, so that two switches on a page send it once. */
const keptOnServer = new Map<string, Language>();

/**
 * VI / EN, wherever it is shown (the login page, the header, the phone's menu drawer). Signed in, the choice is
 * also kept on the account (`setMyLanguage`), since what the server writes outside the web (the e-mail digest)
 * follows it; a choice made on the login page is kept at sign-in. Failing to keep it changes nothing on screen.
 */
export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  const { user } = useAuth();
  const client = useApolloClient();
  useEffect(() => {
    if (!user) return;
    const kept = keptOnServer.get(user.id) ?? (user.language as Language);
    if (kept === language) return;
    keptOnServer.set(user.id, language);
    client.mutate({ mutation: SET_MY_LANGUAGE, variables: { language } }).catch(() => keptOnServer.delete(user.id));
  }, [user, language, client]);
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
