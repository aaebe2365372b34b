import { Injectable } from '@nestjs/common';
import { foldVietnamese, groupBy, indexTemplate, modifiedZScore, OUTLIER_DEFAULTS, periodFromCode, valueKeyLabel, type OutlierScore } from '@gdtx/domain';
import { centreIdentities, centreRefOf, centreRefsOf } from '@gdtx/org';
import { assertUuid, Errors, systemContext, TenantContext, TenantDb } from '@gdtx/platform';
import { ReportingReader } from '@gdtx/reporting';
import type { DataQualityFlagDto, DuplicateCentrePairDto, FlagValueInput, OutlierRowDto, ValueCheckDto } from './data-quality.types';

/** How many earlier periods of a centre a value is compared with (the latest first). */
export const HISTORY_PERIODS = 12;
/** How far back a peer period may lie: the latest period (at most this many years before) with enough peers. */
const PEER_LOOKBACK_YEARS = 2;

interface FactRow {
  centreId: string;
  centreType: string;
  submissionId: string;
  periodCode: string;
  periodEnd: string;
  valueKey: string;
  value: number;
}

/**
 * Data quality (issue 15 item 4). Every value is scored against the centre's own earlier periods of the same
 * template and period type, and against its peers (the centres of the same type in the province, for the latest
 * period with at least four of them), by libs/domain's modifiedZScore (one rule; threshold 3.5). Facts are the
 * accepted values (analytics' fact_value); a director's draft is read through reporting's reader.
 *
 * A director never sees another centre's values: the peers are read in the system scope of the province and only
 * their median and the centre's score leave this service.
 */
@Injectable()
export class DataQualityService {
  constructor(private readonly db: TenantDb) {}

  /** The director's informational checks of one report (draft or filed), every numeric value scored. */
  async valueChecks(ctx: TenantContext, submissionId: string): Promise<ValueCheckDto[]> {
    assertUuid(submissionId, 'submissionId');
    const report = await this.db.run(ctx, (em) => ReportingReader.reportForChecks(em, submissionId));
    if (!report) throw Errors.notFound({ vi: 'báo cáo', en: 'report' }, submissionId);
    const index = indexTemplate(report.definition);
    const entries = index.keys.filter((k) => index.kinds.get(k) === 'number' && typeof report.values[k] === 'number').map((k) => [k, report.values[k] as number] as const);
    if (!entries.length) return [];
    const keys = entries.map(([k]) => k);
    const period = periodFromCode(report.periodCode);
    const own: FactRow[] = await this.db.run(ctx, (em) =>
      em.query(`${FACT_SELECT} WHERE centre_id = $1 AND template_code = $2 AND period_type = $3 AND period_end < $4 AND value_key = ANY($5) AND submission_id <> $6`, [
        report.centreId, report.templateCode, period.type, period.end, keys, report.id,
      ]));
    const centre = await this.db.run(ctx, (em) => centreRefOf(em, report.centreId));
    // The peers in the province's system scope: only their medians and the score are returned.
    const peerRows: FactRow[] = centre
      ? await this.db.run(systemContext(report.provinceId, 'analytics.value-checks'), (em) =>
          em.query(
            `${FACT_SELECT} WHERE province_id = $1 AND template_code = $2 AND period_type = $3 AND period_end <= $4
               AND period_end > $4::date - make_interval(years => ${PEER_LOOKBACK_YEARS}) AND centre_type = $5 AND centre_id <> $6 AND value_key = ANY($7)`,
            [report.provinceId, report.templateCode, period.type, period.end, centre.type, report.centreId, keys],
          ))
      : [];
    return entries
      .map(([key, value]) => {
        const history = historyOf(own, key);
        const peers = latestPeers(peerRows, key);
        const h = modifiedZScore(value, history);
        const p = modifiedZScore(value, peers.values);
        return {
          valueKey: key, labelVi: valueKeyLabel(report.definition, key, 'vi'), labelEn: valueKeyLabel(report.definition, key, 'en'), value,
          history: h, peers: p, peersPeriodCode: peers.periodCode, outlier: h.outlier || p.outlier,
        };
      })
      .sort(byStrength);
  }

  /** The Sở's page: every outlying accepted value of a template in a period, with its open flag. */
  async outliers(ctx: TenantContext, periodCode: string, templateCode: string): Promise<OutlierRowDto[]> {
    const provinceId = requireSo(ctx);
    const period = parsePeriod(periodCode);
    return this.db.run(ctx, async (em) => {
      const rows: FactRow[] = await em.query(
        `${FACT_SELECT} WHERE province_id = $1 AND template_code = $2 AND period_type = $3 AND period_end <= $4
           AND period_end > $4::date - make_interval(years => ${Math.ceil(HISTORY_PERIODS / 2) + 1})`,
        [provinceId, templateCode, period.type, period.end],
      );
      const current = rows.filter((r) => r.periodCode === period.code);
      if (!current.length) return [];
      const byCentre = groupBy(rows, (r) => `${r.centreId}|${r.valueKey}`);
      const peersOf = groupBy(current, (r) => `${r.centreType}|${r.valueKey}`);
      const [template] = (await ReportingReader.publishedTemplateVersions(em, [templateCode])).slice(-1);
      const labels = new Map((template?.fields ?? []).map((f) => [f.key, f]));
      const flags: { id: string; submissionId: string; valueKey: string }[] = await em.query(
        `SELECT id, submission_id AS "submissionId", value_key AS "valueKey" FROM data_quality_flag WHERE province_id = $1 AND period_code = $2 AND status = 'OPEN'`,
        [provinceId, period.code],
      );
      const openFlag = new Map(flags.map((f) => [`${f.submissionId}|${f.valueKey}`, f.id]));
      const out: Omit<OutlierRowDto, 'centreCode' | 'centreName'>[] = [];
      for (const r of current) {
        const history = historyOf(byCentre.get(`${r.centreId}|${r.valueKey}`) ?? [], r.valueKey, r.periodEnd);
        const peers = (peersOf.get(`${r.centreType}|${r.valueKey}`) ?? []).filter((p) => p.centreId !== r.centreId).map((p) => p.value);
        const h = modifiedZScore(r.value, history);
        const p = modifiedZScore(r.value, peers);
        if (!h.outlier && !p.outlier) continue;
        const label = labels.get(r.valueKey);
        out.push({
          submissionId: r.submissionId, centreId: r.centreId, centreType: r.centreType, valueKey: r.valueKey,
          labelVi: label?.labelVi ?? r.valueKey, labelEn: label?.labelEn ?? r.valueKey, value: r.value,
          history: h, peers: p, peersPeriodCode: period.code, outlier: true, openFlagId: openFlag.get(`${r.submissionId}|${r.valueKey}`) ?? null,
        });
      }
      const names = new Map((await centreRefsOf(em, [...new Set(out.map((o) => o.centreId))])).map((c) => [c.id, c]));
      return out
        .map((o) => ({ ...o, centreCode: names.get(o.centreId)?.code ?? '', centreName: names.get(o.centreId)?.name ?? '' }))
        .sort(byStrength)
        .slice(0, 500);
    });
  }

  async flags(ctx: TenantContext, status: 'OPEN' | 'RESOLVED' | null): Promise<DataQualityFlagDto[]> {
    return this.db.run(ctx, async (em) => {
      const rows: (Omit<DataQualityFlagDto, 'centreName' | 'labelVi' | 'labelEn'> & { templateCode: string })[] = await em.query(
        `SELECT id, submission_id AS "submissionId", centre_id AS "centreId", template_code AS "templateCode", period_code AS "periodCode",
                value_key AS "valueKey", value::float8 AS value, note, status, flagged_at AS "flaggedAt", resolution, resolved_at AS "resolvedAt"
         FROM data_quality_flag WHERE ($1::text IS NULL OR status = $1) ORDER BY flagged_at DESC LIMIT 500`,
        [status],
      );
      const names = new Map((await centreRefsOf(em, [...new Set(rows.map((r) => r.centreId))])).map((c) => [c.id, c.name]));
      const templates = await ReportingReader.publishedTemplateVersions(em, [...new Set(rows.map((r) => r.templateCode))]);
      const label = (code: string, key: string) => templates.filter((t) => t.templateCode === code).flatMap((t) => t.fields).reverse().find((f) => f.key === key);
      return rows.map((r) => ({
        ...r, centreName: names.get(r.centreId) ?? '', labelVi: label(r.templateCode, r.valueKey)?.labelVi ?? r.valueKey, labelEn: label(r.templateCode, r.valueKey)?.labelEn ?? r.valueKey,
      }));
    });
  }

  /** The Sở flags an accepted value for follow-up (one open flag per report and value). */
  async flagValue(ctx: TenantContext, input: FlagValueInput): Promise<DataQualityFlagDto> {
    const provinceId = requireSo(ctx);
    const note = input.note.normalize('NFC').trim();
    if (!note) throw Errors.validation([{ field: 'note', messageVi: 'Cần ghi lý do gắn cờ', messageEn: 'A note is required' }]);
    const id = await this.db.run(ctx, async (em) => {
      const [fact]: FactRow[] = await em.query(`${FACT_SELECT} WHERE submission_id = $1 AND value_key = $2 LIMIT 1`, [input.submissionId, input.valueKey]);
      if (!fact) throw Errors.notFound({ vi: 'giá trị đã duyệt của báo cáo', en: 'accepted value of the report' }, `${input.submissionId}/${input.valueKey}`);
      const [existing] = await em.query(`SELECT id FROM data_quality_flag WHERE submission_id = $1 AND value_key = $2 AND status = 'OPEN'`, [input.submissionId, input.valueKey]);
      if (existing) throw Errors.conflict('Giá trị này đang được gắn cờ theo dõi', 'This value already has an open flag', { flagId: existing.id });
      const [row] = await em.query(
        `INSERT INTO data_quality_flag (province_id, centre_id, submission_id, template_code, period_code, value_key, value, note, flagged_by)
         SELECT $1, f.centre_id, f.submission_id, f.template_code, f.period_code, f.value_key, f.value, $4, $5
         FROM fact_value f WHERE f.submission_id = $2 AND f.value_key = $3 LIMIT 1 RETURNING id`,
        [provinceId, input.submissionId, input.valueKey, note, ctx.userId],
      );
      return row.id as string;
    });
    return this.flagById(ctx, id);
  }

  /** Resolved by a comment (what the centre confirmed or corrected). */
  async resolveFlag(ctx: TenantContext, id: string, resolution: string): Promise<DataQualityFlagDto> {
    requireSo(ctx);
    assertUuid(id);
    const text = resolution.normalize('NFC').trim();
    if (text.length < 3 || text.length > 1000) {
      throw Errors.validation([{ field: 'resolution', messageVi: 'Nhận xét xử lý cần từ 3 đến 1000 ký tự', messageEn: 'The resolution comment needs 3 to 1000 characters' }]);
    }
    await this.db.run(ctx, async (em) => {
      // Locked: two resolutions at once, the second finds it resolved. Another province's flag is not found (RLS).
      const [row] = await em.query(`SELECT status FROM data_quality_flag WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) throw Errors.notFound({ vi: 'cờ theo dõi', en: 'flag' }, id);
      if (row.status !== 'OPEN') throw Errors.conflict('Cờ này đã được xử lý', 'This flag is already resolved');
      await em.query(`UPDATE data_quality_flag SET status = 'RESOLVED', resolution = $2, resolved_by = $3, resolved_at = now() WHERE id = $1`, [id, text, ctx.userId]);
    });
    return this.flagById(ctx, id);
  }

  /** Centres whose names, or addresses, are the same once folded (no diacritics, case, punctuation, "trung tâm"). */
  async likelyDuplicateCentres(ctx: TenantContext): Promise<DuplicateCentrePairDto[]> {
    requireSo(ctx);
    const centres = (await this.db.run(ctx, (em) => centreIdentities(em))).filter((c) => c.status !== 'DISSOLVED');
    const pairs: DuplicateCentrePairDto[] = [];
    const seen = new Set<string>();
    for (const [reason, keyOf] of [['NAME', (c: { name: string }) => foldName(c.name)], ['ADDRESS', (c: { address: string | null }) => foldAddress(c.address)]] as const) {
      const groups = groupBy(centres, (c) => keyOf(c as never) ?? '');
      for (const [key, group] of groups) {
        if (!key) continue;
        for (let i = 0; i < group.length; i++) {
          for (let j = i + 1; j < group.length; j++) {
            const [a, b] = [group[i], group[j]];
            const id = [a.id, b.id].sort().join('|');
            if (seen.has(id)) continue;
            seen.add(id);
            pairs.push({ firstId: a.id, firstCode: a.code, firstName: a.name, secondId: b.id, secondCode: b.code, secondName: b.name, reason });
          }
        }
      }
    }
    return pairs;
  }

  private async flagById(ctx: TenantContext, id: string): Promise<DataQualityFlagDto> {
    const all = await this.flags(ctx, null);
    const found = all.find((f) => f.id === id);
    if (!found) throw Errors.notFound({ vi: 'cờ theo dõi', en: 'flag' }, id);
    return found;
  }
}

const FACT_SELECT = `SELECT centre_id AS "centreId", centre_type AS "centreType", submission_id AS "submissionId", period_code AS "periodCode",
  to_char(period_end, 'YYYY-MM-DD') AS "periodEnd", value_key AS "valueKey", value::float8 AS value FROM fact_value`;

/** The centre's earlier values of a key, latest first, at most HISTORY_PERIODS (one per period). */
function historyOf(rows: readonly FactRow[], key: string, before?: string): number[] {
  const byPeriod = new Map<string, FactRow>();
  for (const r of rows) if (r.valueKey === key && (!before || r.periodEnd < before)) byPeriod.set(r.periodCode, r);
  return [...byPeriod.values()].sort((a, b) => b.periodEnd.localeCompare(a.periodEnd)).slice(0, HISTORY_PERIODS).map((r) => r.value);
}

/** The peers' values of a key for the latest period that has enough of them. */
function latestPeers(rows: readonly FactRow[], key: string): { periodCode: string | null; values: number[] } {
  const byPeriod = groupBy(rows.filter((r) => r.valueKey === key), (r) => `${r.periodEnd}|${r.periodCode}`);
  const periods = [...byPeriod.keys()].sort().reverse();
  for (const p of periods) {
    const values = byPeriod.get(p)!.map((r) => r.value);
    if (values.length >= OUTLIER_DEFAULTS.minHistory) return { periodCode: p.split('|')[1], values };
  }
  return { periodCode: null, values: [] };
}

type Scored = { outlier: boolean; history: Pick<OutlierScore, 'score'>; peers: Pick<OutlierScore, 'score'> };
const strength = (s: Pick<OutlierScore, 'score'>) => (s.score === null ? 0 : Math.abs(s.score));
function byStrength(a: Scored, b: Scored): number {
  return Number(b.outlier) - Number(a.outlier) || Math.max(strength(b.history), strength(b.peers)) - Math.max(strength(a.history), strength(a.peers));
}

function foldName(name: string): string {
  return foldVietnamese(name).toLowerCase().replace(/\b(trung tam|tt)\b/g, ' ').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** An address folded the same way; too short to tell (a bare commune name) gives nothing. */
function foldAddress(address: string | null): string | null {
  if (!address) return null;
  const folded = foldVietnamese(address).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return folded.length >= 12 ? folded : null;
}

function requireSo(ctx: TenantContext): string {
  if (ctx.scope !== 'province' || !ctx.provinceId) {
    throw Errors.forbidden('Data quality review is the Sở’s work', 'Trang chất lượng số liệu chỉ dành cho Sở');
  }
  return ctx.provinceId;
}

function parsePeriod(code: string) {
  try {
    return periodFromCode(code);
  } catch {
    throw Errors.badInput(`Mã kỳ không hợp lệ: ${code}`, `Malformed period code: ${code}`, { field: 'periodCode' });
  }
}
