import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Select, Tag } from 'antd';
import { CENTRE_OPTIONS } from '../../gql/templates';
import { COMPLIANCE_CENTRE_NAME } from './compliance.documents';
import { useI18n, type MessageKey } from '../../i18n';
import { useDebounced } from '../../useDebounced';

// Dark text on tinted tags: antd's light presets fail AA contrast for small text (as in States.tsx).
const severityColour: Record<string, string> = { CRITICAL: 'magenta', HIGH: 'red', MEDIUM: 'gold', LOW: 'blue' };

export function SeverityTag({ severity }: { severity: string }) {
  const { t } = useI18n();
  return <Tag color={severityColour[severity] ?? 'default'} style={{ color: '#1f1f1f' }}>{t(`cw.severity.${severity}` as MessageKey)}</Tag>;
}

const caseColour: Record<string, string> = { OPEN: 'red', INVESTIGATING: 'gold', REFERRED: 'orange', SANCTIONED: 'purple', CLOSED: 'default' };

export function CaseStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={caseColour[status] ?? 'default'} style={{ color: '#1f1f1f' }}>{t(`cw.case.status.${status}` as MessageKey)}</Tag>;
}

/** A centre picker that searches the server as one types; the chosen centre is named even when not in the results. */
export function CentrePicker({ value, onChange, width = 300, testId }: { value?: string; onChange(id: string | undefined): void; width?: number; testId?: string }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search, 250);
  const options = useQuery(CENTRE_OPTIONS, { variables: { search: debounced.trim() || null, first: 30 } });
  const chosen = useQuery(COMPLIANCE_CENTRE_NAME, { variables: { id: value ?? '' }, skip: !value });
  const list = (options.data?.centres.nodes ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }));
  const current = chosen.data?.centre;
  if (current && !list.some((o) => o.value === current.id)) list.unshift({ value: current.id, label: `${current.name} (${current.code})` });
  // A link to a centre the user cannot see (or one that does not exist) is not named by its id.
  if (value && !current && !chosen.loading && !list.some((o) => o.value === value)) list.unshift({ value, label: t('cw.filter.unknownCentre') });
  return (
    <Select
      aria-label={t('cw.filter.centre')}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={t('cw.filter.searchCentre')}
      loading={options.loading}
      notFoundContent={options.loading ? t('app.loading') : t('ext.noCentre')}
      value={value}
      onChange={(v: string | undefined) => onChange(v || undefined)}
      style={{ width }}
      options={list}
      data-testid={testId}
    />
  );
}
