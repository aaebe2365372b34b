import { translate, type MessageKey, type Translate } from './messages';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import {
  CentreStatusLabelVi,
  CentreTypeLabelVi,
  RoleLabelVi,
  periodLabelEn,
  periodLabelVi,
  type CentreStatus,
  type CentreType,
  type Language,
  type Role,
} from '@gdtx/domain';

export { translate, type MessageKey, type Translate };

const STORAGE_KEY = 'gdtx.language';

interface I18nValue {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
  /** Picks the Vietnamese or English variant of a bilingual value (template labels, server messages). */
  pick(vi: string, en: string | undefined | null): string;
  formatNumber(value: number | null | undefined): string;
  formatDate(value: string | null | undefined): string;
  formatDateTime(value: string | null | undefined): string;
  centreTypeLabel(type: CentreType | string): string;
  centreStatusLabel(status: CentreStatus | string): string;
  roleLabel(role: Role | string): string;
  periodLabel(code: string): string;
}

const I18nContext = createContext<I18nValue | null>(null);

function initialLanguage(): Language {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return stored === 'en' ? 'en' : 'vi';
}

const englishTypeLabels: Record<string, string> = {
  PROVINCIAL_GDTX: 'Provincial GDTX centre', GDNN_GDTX: 'Vocational & continuing education centre', LANGUAGE: 'Language centre',
  IT: 'IT centre', LANGUAGE_IT: 'Language & IT centre', LIFE_SKILLS: 'Life-skills centre', TTHTCD: 'Community learning centre',
  INCLUSIVE_EDUCATION: 'Inclusive education centre',
};
const englishStatusLabels: Record<string, string> = { ACTIVE: 'Active', NOT_ENROLLING: 'Not enrolling', SUSPENDED: 'Suspended', DISSOLVED: 'Dissolved' };
const englishRoleLabels: Record<string, string> = {
  SYSTEM_ADMIN: 'System administrator', SO_ADMIN: 'Department administrator', SO_SPECIALIST: 'Department specialist', SO_LEADER: 'Department leader',
  INSPECTOR: 'Inspector', SUPERVISOR: 'Area supervisor', CENTRE_DIRECTOR: 'Centre director', CENTRE_STAFF: 'Centre staff',
};

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);

  const value = useMemo<I18nValue>(() => {
    const locale = language === 'vi' ? 'vi-VN' : 'en-GB';
    dayjs.locale(language === 'vi' ? 'vi' : 'en');
    document.documentElement.lang = language;
    const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    const dateFormat = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' });
    const dateTimeFormat = new Intl.DateTimeFormat(locale, {
      day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh',
    });
    return {
      language,
      setLanguage,
      t: (key, params) => translate(language, key, params),
      pick: (vi, en) => (language === 'en' && en ? en : vi),
      formatNumber: (v) => (v === null || v === undefined || Number.isNaN(v) ? '—' : numberFormat.format(v)),
      // A plain 'YYYY-MM-DD' is a calendar date: format it at noon so no time zone shifts the day.
      formatDate: (v) => (v ? dateFormat.format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T12:00:00+07:00` : v)) : '—'),
      formatDateTime: (v) => (v ? dateTimeFormat.format(new Date(v)) : '—'),
      centreTypeLabel: (type) => (language === 'vi' ? CentreTypeLabelVi[type as CentreType] : englishTypeLabels[type]) ?? type,
      centreStatusLabel: (status) => (language === 'vi' ? CentreStatusLabelVi[status as CentreStatus] : englishStatusLabels[status]) ?? status,
      roleLabel: (role) => (language === 'vi' ? RoleLabelVi[role as Role] : englishRoleLabels[role]) ?? role,
      periodLabel: (code) => {
        try {
          return language === 'vi' ? periodLabelVi(code) : periodLabelEn(code);
        } catch {
          return code;
        }
      },
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
