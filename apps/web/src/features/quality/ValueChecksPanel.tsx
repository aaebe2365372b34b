import { useEffect, useRef } from 'react';
import { useQuery } from '@apollo/client/react';
import { Card, Typography } from 'antd';
import { VALUE_CHECKS } from './quality.documents';
import { useI18n } from '../../i18n';

/**
 * The report's unusual values, for information (issue 15 item 4): against the centre's own earlier periods and
 * the median of centres of the same type (never another centre's values). Read again after each save (`version`),
 * since the checks read the values as saved. Nothing shows when nothing is unusual.
 */
export function ValueChecksPanel({ submissionId, version }: { submissionId: string; version: number }) {
  const { t, pick, formatNumber } = useI18n();
  const checks = useQuery(VALUE_CHECKS, { variables: { submissionId }, fetchPolicy: 'network-only' });
  const shown = useRef(version);
  useEffect(() => {
    if (shown.current === version) return;
    shown.current = version;
    void checks.refetch();
  }, [version, checks]);
  const unusual = (checks.data?.valueChecks ?? []).filter((c) => c.outlier);
  if (!unusual.length) return null;
  return (
    <Card size="small" title={t('dq.checksTitle')} data-testid="value-checks" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('dq.checksHelp')}</Typography.Paragraph>
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {unusual.map((c) => (
          <li key={c.valueKey} data-testid="value-check">
            <Typography.Text strong>{t('dq.checkLine', { label: pick(c.labelVi, c.labelEn), value: formatNumber(c.value) })}</Typography.Text>
            {' — '}
            {[
              c.history.outlier ? t('dq.historyLine', { median: formatNumber(c.history.median) }) : null,
              c.peers.outlier ? t('dq.peersLine', { median: formatNumber(c.peers.median) }) : null,
            ].filter(Boolean).join('; ')}
          </li>
        ))}
      </ul>
    </Card>
  );
}
