import { useMemo, useState, type Key } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Button, Card, Collapse, DatePicker, List, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { addDays, todayInVietnam } from '@gdtx/domain';
import { PROVINCE_MERGERS, REORGANISATIONS, UNITS_AS_OF, type ReorganisationEvent, type UnitVersion } from '../../gql/admin';
import { buildUnitTree, countByLevel, type UnitTreeNode } from '../centres/centreAdmin';
import { useI18n, type MessageKey } from '../../i18n';
import { EmptyState, ErrorState } from '../../components/States';

interface UnitRow extends UnitVersion {
  children?: UnitRow[];
}

function toRows(nodes: UnitTreeNode<UnitVersion>[]): UnitRow[] {
  return nodes.map((n) => ({ ...n.unit, children: n.children.length ? toRows(n.children) : undefined }));
}

/**
 * Lịch sử sáp nhập (issue 12 item 4, ADR 0014): the provinces merged into the user's, one headline per merger date
 * ("Tỉnh Bắc Ninh (mới) — sáp nhập từ Tỉnh Bắc Giang và Tỉnh Bắc Ninh từ 01/07/2025") and the detail of each. The
 * button shows the tree the day before, where the old provinces still stand. Nothing shows for an unmerged province.
 */
function MergerHistory({ onViewBefore }: { onViewBefore: (date: string) => void }) {
  const { t, formatDate, formatNumber } = useI18n();
  const { data } = useQuery(PROVINCE_MERGERS);
  const mergers = data?.provinceMergers ?? [];
  if (!mergers.length) return null;
  const byDate = new Map<string, typeof mergers>();
  for (const m of mergers) byDate.set(m.effectiveDate, [...(byDate.get(m.effectiveDate) ?? []), m]);
  return (
    <Card data-testid="merger-history" title={t('mergers.title')} style={{ marginBottom: 16 }}>
      {[...byDate.entries()].map(([date, list]) => (
        <div key={date} style={{ marginBottom: 8 }}>
          <Typography.Paragraph strong data-testid="merger-headline" style={{ marginBottom: 4 }}>
            {t('mergers.headline', {
              survivor: list[0].survivorName,
              predecessors: [...list.map((m) => m.absorbedName), list[0].survivorName].join(t('mergers.and')),
              date: formatDate(date),
            })}
          </Typography.Paragraph>
          <ul style={{ marginBottom: 4 }}>
            {list.map((m) => (
              <li key={m.id}>
                {t('mergers.item', { absorbed: m.absorbedName, survivor: m.survivorName, date: formatDate(m.effectiveDate), basis: m.legalBasis, n: formatNumber(m.centresMoved) })}
              </li>
            ))}
          </ul>
          <Button size="small" onClick={() => onViewBefore(addDays(date, -1))}>{t('mergers.viewBefore')}</Button>
        </div>
      ))}
    </Card>
  );
}

/** The province's administrative units as a tree on a chosen date, with centre counts and drill-down to the list. */
export function UnitsPage() {
  const { t, formatDate, formatNumber } = useI18n();
  const [params, setParams] = useSearchParams();
  const today = todayInVietnam() as string;
  const asOf = params.get('asOf') || today;
  const isToday = asOf === today;
  // One request for the tree and every row's centre count (AdministrativeUnit.centreCount, batched in the API;
  // issue 16: the page asked once per row). cache-and-network: a centre added or moved earlier shows on return.
  const { data, loading, error, refetch } = useQuery(UNITS_AS_OF, { variables: { asOf }, fetchPolicy: 'cache-and-network' });
  const units = useMemo(() => data?.administrativeUnits ?? [], [data]);
  const rows = useMemo(() => toRows(buildUnitTree(units)), [units]);
  const counts = countByLevel(units);
  // Expanded rows per date: the province is open by default (its districts or communes are the first view).
  const [expanded, setExpanded] = useState<{ asOf: string; keys: Key[] } | null>(null);
  const expandedKeys = expanded?.asOf === asOf ? expanded.keys : rows.map((r) => r.id);

  const setAsOf = (value: string | null) => {
    const next = new URLSearchParams(params);
    if (value && value !== today) next.set('asOf', value);
    else next.delete('asOf');
    setParams(next, { replace: true });
  };
  const centresHref = (id: string) => `/centres?unitId=${id}${isToday ? '' : `&unitAsOf=${asOf}`}`;

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>{t('units.title')}</Typography.Title>
      <MergerHistory onViewBefore={setAsOf} />
      <Card>
        <Space wrap align="center" style={{ marginBottom: 12 }}>
          <label htmlFor="units-as-of">{t('units.asOf')}</label>
          <DatePicker
            id="units-as-of"
            aria-label={t('units.asOf')}
            format="DD/MM/YYYY"
            allowClear={false}
            value={dayjs(asOf)}
            onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : null)}
          />
          <Button onClick={() => setAsOf(null)} disabled={isToday}>{t('units.today')}</Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('units.help')}</Typography.Paragraph>
        {error ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : (
          <>
            <Typography.Paragraph data-testid="units-summary" strong>
              {data
                ? t('units.summary', {
                    province: counts['PROVINCE'] ?? 0,
                    district: counts['DISTRICT'] ?? 0,
                    commune: (counts['COMMUNE'] ?? 0) + (counts['WARD'] ?? 0) + (counts['SPECIAL_ZONE'] ?? 0),
                  })
                : '\u00a0'}
            </Typography.Paragraph>
            <Table<UnitRow>
              data-testid="units-tree"
              rowKey="id"
              size="small"
              loading={loading && !data}
              dataSource={rows}
              pagination={false}
              expandable={{
                expandedRowKeys: expandedKeys,
                onExpandedRowsChange: (keys) => setExpanded({ asOf, keys: [...keys] }),
                indentSize: 24,
              }}
              locale={{ emptyText: <EmptyState text={t('units.empty')} /> }}
              columns={[
                {
                  title: t('col.name'),
                  dataIndex: 'name',
                  render: (_, u) => <Link to={centresHref(u.id)}>{u.name}</Link>,
                },
                { title: t('col.code'), dataIndex: 'code', width: 140 },
                {
                  title: t('units.level'),
                  dataIndex: 'level',
                  width: 130,
                  render: (v: string) => <Tag style={{ color: '#1f1f1f' }}>{t(`unitLevel.${v}` as MessageKey)}</Tag>,
                },
                {
                  title: t('centre.validity'),
                  key: 'validity',
                  width: 250,
                  render: (_, u) => (
                    <span>
                      {u.validTo ? `${formatDate(u.validFrom)} – ${formatDate(u.validTo)}` : t('units.since', { date: formatDate(u.validFrom) })}
                      {u.successorIds.length > 0 && (
                        <>
                          {' '}
                          <Tag color="gold" style={{ color: '#1f1f1f' }}>{t('units.successors')}</Tag>
                        </>
                      )}
                    </span>
                  ),
                },
                {
                  title: t('units.centreCount'),
                  key: 'centres',
                  width: 160,
                  align: 'right',
                  render: (_, u) => (
                    <Link to={centresHref(u.id)} data-testid={`unit-count-${u.id}`} data-count={u.centreCount}>
                      {t('units.centres', { n: formatNumber(u.centreCount) })}
                    </Link>
                  ),
                },
              ]}
            />
          </>
        )}
      </Card>
      <ReorganisationEvents onOpenDate={(date) => setAsOf(date)} />
    </>
  );
}

/**
 * The province's reorganisations as events (issue 12 item 5): date, name, legal basis and, on demand, the units
 * before → after. A date opens the tree on the first day of the new structure.
 */
function ReorganisationEvents({ onOpenDate }: { onOpenDate: (date: string) => void }) {
  const { t, formatDate, formatNumber } = useI18n();
  const { data, loading, error, refetch } = useQuery(REORGANISATIONS);
  const events = data?.reorganisations ?? [];
  return (
    <Card style={{ marginTop: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('units.events')}</h2>} data-testid="reorganisation-events">
      <Typography.Paragraph type="secondary">{t('units.eventsHelp')}</Typography.Paragraph>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <List<ReorganisationEvent>
          loading={loading && !data}
          dataSource={events}
          locale={{ emptyText: <EmptyState text={t('units.eventsEmpty')} /> }}
          renderItem={(e) => (
            <List.Item key={e.id} data-testid={`reorganisation-${e.code}`} style={{ display: 'block' }}>
              <Space wrap size={[8, 4]} style={{ marginBottom: 4 }}>
                <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={() => onOpenDate(e.effectiveDate)} data-testid="reorganisation-date">
                  <Tag color="gold" style={{ color: '#1f1f1f', margin: 0 }}>{t('units.eventDate', { date: formatDate(e.effectiveDate) })}</Tag>
                </Button>
                <Typography.Text strong>{e.name}</Typography.Text>
                <Typography.Text type="secondary">({e.code})</Typography.Text>
              </Space>
              {e.legalBasis && <Typography.Paragraph style={{ marginBottom: 4 }}>{t('units.legalBasis')}: {e.legalBasis}</Typography.Paragraph>}
              <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }} data-testid="reorganisation-summary">
                {t('units.eventSummary', {
                  successors: formatNumber(e.successions.length),
                  predecessors: formatNumber(e.successions.reduce((n, s) => n + s.predecessors.length, 0)),
                })}
              </Typography.Paragraph>
              <Collapse
                size="small"
                items={[{
                  key: 'links',
                  label: t('units.showLinks'),
                  children: (
                    <Table
                      size="small"
                      rowKey={(s) => s.successor.id}
                      pagination={false}
                      dataSource={e.successions}
                      data-testid="reorganisation-links"
                      columns={[
                        { title: t('units.before'), key: 'before', render: (_, s) => s.predecessors.map((p) => p.name).join(', ') },
                        { title: t('units.after'), key: 'after', render: (_, s) => <span>→ {s.successor.name}</span> },
                      ]}
                    />
                  ),
                }]}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
