import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertUuid, Errors, TenantContext, TenantDb } from '@gdtx/platform';
import { todayInVietnam } from '@gdtx/domain';
import { centreRefOf, centreUnitsAsRecorded, unitHistoryOfProvince, unitRefOf } from '@gdtx/org';
import { ReportingReader } from '@gdtx/reporting';
import { LiteracyAgeBands, toVietnamDate, type LiteracyParameters, type RecognitionStep } from './rules/parameters';
import {
  evaluateDistrict, rollUp, validateCommuneData, type AdminUnitNode, type AggregateResult, type CommuneLiteracyData, type CommuneResult, type LiteracyLevel,
} from './rules/recognition';
import { progress, targetFor } from './rules/learning-society';
import { resolveOn, UnitTimeline, UNMAPPED_REASON_VI, type TimedUnit } from './data/unit-timeline';
import {
  addLearningValues, addXmcValues, emptyCounts, emptyLearningCounts, LearningModels, TARGET_OF_MODEL, TTHTCD_TEMPLATE_CODE, XMC_TEMPLATE_CODE,
  type CommuneCounts, type ValueMap,
} from './data/xmc-values';
import { dbkkOn, LiteracyParametersService } from './literacy-parameters.service';
import type {
  LearningSocietyIndicator, LearningSocietyProgress, LiteracyBandRate, LiteracyChildStatus, LiteracyCriterion, LiteracyIndicators, LiteracyRecogniser,
  LiteracyStatus, LiteracyUnmappedData,
} from './literacy.types';

const UNIT = { vi: 'đơn vị hành chính', en: 'Administrative unit' };
const BASE_LEVELS = new Set(['COMMUNE', 'WARD', 'SPECIAL_ZONE']);

interface SourceRow {
  centreId: string;
  /** The commune the report was filed for: its centre's unit on the period's end as recorded when it was first submitted. */
  unitId: string;
  values: ValueMap;
  periodCode: string;
  acceptedAt: Date | null;
}

/** Counts of one commune, or of several that one report stands for together (see `resolveOn`). */
type Tally = CommuneCounts & { dbkkVotes: boolean[]; registryUsed: boolean };

/** A report (or several) whose figures belong to several units of the date together and cannot be divided. */
interface JointTally {
  unitIds: string[];
  reportedBy: Set<string>;
  reason: 'MERGED_LATER' | 'SPLIT';
  counts: Tally;
}

interface Scoped {
  provinceId: string;
  timeline: UnitTimeline;
  unit: TimedUnit;
  asOf: string;
}

/**
 * Literacy recognition (domain §D1) and learning-society progress (§D4), computed on request from the accepted
 * reports the caller may see (row-level security), on the administrative units valid on `asOf`; reports filed
 * against units that no longer exist (or do not exist yet) are carried along successor links. See
 * docs/literacy.md and docs/adr/0006-reorganisation.md.
 */
@Injectable()
export class LiteracyService {
  constructor(
    private readonly db: TenantDb,
    private readonly parameters: LiteracyParametersService,
  ) {}

  async literacyStatus(ctx: TenantContext, unitId: string, year: number, asOfArg?: string | null): Promise<LiteracyStatus> {
    assertUuid(unitId, 'unitId');
    checkYear(year);
    const periodCode = `XMC-${year - 1}-${year}`;
    const periodEnd = `${year}-09-30`;
    return this.db.run(ctx, async (em) => {
      const { provinceId, timeline, unit, asOf } = await this.scope(em, ctx, unitId, asOfArg);
      // A literacy year is judged under the rule, and on the units, in force on its end date (30 Sep); asOf only
      // regroups the verdicts and the figures (issue 12 item 3, docs/literacy.md).
      const ruleDate = periodEnd;
      const params = await this.parameters.parametersOn(em, provinceId, ruleDate);
      const registry = await this.parameters.dbkkRows(em, provinceId);
      const sources = await this.sources(em, provinceId, XMC_TEMPLATE_CODE, [periodCode]);

      /**
       * Reports → the commune valid on `date` that stands for the reporting commune, or, where one report stands
       * for several communes of that date (merged after it, or split after the report), all of them together.
       */
      const tallyOn = (date: string) => {
        const counts = new Map<string, Tally>();
        const joint = new Map<string, JointTally>();
        const unmapped: LiteracyUnmappedData[] = [];
        let dataAcceptedUntil: Date | null = null;
        const tally = (c: Tally, s: SourceRow) => {
          const before = c.dbkkFlags.length;
          addXmcValues(c, s.values);
          const flag = c.dbkkFlags.length > before ? c.dbkkFlags[c.dbkkFlags.length - 1] : false;
          const fromRegistry = dbkkOn(registry, s.unitId, periodEnd);
          c.dbkkVotes.push(fromRegistry ?? flag);
          c.registryUsed ||= fromRegistry !== undefined;
        };
        for (const s of sources) {
          const r = resolveOn(timeline, s.unitId, date);
          if (r.kind === 'UNMAPPED') {
            unmapped.push({ centreId: s.centreId, unitId: s.unitId, reason: UNMAPPED_REASON_VI[r.reason] });
            continue;
          }
          if (r.kind === 'UNIT') {
            const c = counts.get(r.unitId) ?? newTally();
            tally(c, s);
            counts.set(r.unitId, c);
          } else {
            const key = r.unitIds.join(',');
            const j = joint.get(key) ?? { unitIds: r.unitIds, reportedBy: new Set<string>(), reason: r.reason, counts: newTally() };
            tally(j.counts, s);
            j.reportedBy.add(s.unitId);
            joint.set(key, j);
          }
          if (s.acceptedAt && (!dataAcceptedUntil || s.acceptedAt > dataAcceptedUntil)) dataAcceptedUntil = s.acceptedAt;
        }
        return { counts, joint, unmapped, dataAcceptedUntil: dataAcceptedUntil as Date | null };
      };

      /** Recognition of every unit of `date` under `params`. */
      const judgeOn = (date: string, t: ReturnType<typeof tallyOn>) => {
        const tree: AdminUnitNode[] = timeline.unitsOn(date).map((u) => ({ id: u.id, parentId: u.parentId, level: u.level, name: u.name }));
        const communeData: CommuneLiteracyData[] = [];
        for (const [id, c] of t.counts) {
          const data: CommuneLiteracyData = {
            unitId: id,
            name: timeline.get(id)?.name ?? id,
            // A commune merged from several is ĐBKK only if all of them were [U].
            dbkk: c.dbkkVotes.length > 0 && c.dbkkVotes.every(Boolean),
            bands: Object.fromEntries(
              Object.entries(c.bands).map(([band, b]) => [band, { population: b.population, literateL1: b.literateL1, literateL2: b.literateL2, disabledExempt: b.disabledExempt }]),
            ),
          };
          const issues = validateCommuneData(data, params);
          if (issues.length) {
            t.unmapped.push({ centreId: null, unitId: id, reason: `số liệu không hợp lệ: ${issues.map((i) => i.messageVi).join('; ')}` });
            continue;
          }
          communeData.push(data);
        }
        let result: ReturnType<typeof rollUp>;
        try {
          result = rollUp(tree, communeData, params);
        } catch (e) {
          throw Errors.badInput(
            `Không tổng hợp được theo bộ tham số ${params.version} trên cơ cấu đơn vị ngày ${date}: ${(e as Error).message}`,
            `Cannot roll up with ${params.version} on the units of ${date}: ${(e as Error).message}`,
          );
        }
        // A commune whose figures lie in a joint report says so instead of "no data".
        const jointOf = new Map<string, JointTally>();
        for (const j of t.joint.values()) for (const id of j.unitIds) jointOf.set(id, j);
        for (const c of result.communes) {
          const j = jointOf.get(c.unitId);
          if (!j || t.counts.has(c.unitId)) continue;
          const { vi, en } = jointReason(timeline, j);
          const at = c.reasons.indexOf(NO_DATA_VI);
          if (at >= 0) c.reasons.splice(at, 1, vi);
          else c.reasons.push(vi);
          const atEn = c.reasonsEn.indexOf(NO_DATA_EN);
          if (atEn >= 0) c.reasonsEn.splice(atEn, 1, en);
          else c.reasonsEn.push(en);
        }
        return result;
      };

      // Figures (rates, indicators, reports) on the units of asOf; verdicts on the units of the end date.
      const grouped = tallyOn(asOf);
      const { counts, joint, unmapped, dataAcceptedUntil } = grouped;
      const judgedTally = asOf === ruleDate ? grouped : tallyOn(ruleDate);
      const result = judgeOn(ruleDate, judgedTally);
      if (judgedTally !== grouped) {
        // Invalid figures are reported once, where they were found (the same reports, grouped otherwise).
        for (const u of judgedTally.unmapped) {
          if (u.centreId === null && !unmapped.some((x) => x.reason === u.reason && x.unitId === u.unitId)) unmapped.push(u);
        }
      }

      const communeById = new Map(result.communes.map((c) => [c.unitId, c]));
      const districtById = new Map(result.districts.map((d) => [d.unitId, d]));
      /** Counts of the base units given, with the joint reports all of whose units are among them. */
      const dataOf = (base: readonly TimedUnit[]): CommuneCounts[] => {
        const ids = new Set(base.map((u) => u.id));
        return [
          ...base.filter((u) => counts.has(u.id)).map((u) => counts.get(u.id)!),
          ...[...joint.values()].filter((j) => j.unitIds.every((id) => ids.has(id))).map((j) => j.counts),
        ];
      };
      const endVi = viDate(ruleDate);
      /** The commune-level units judged on the end date that a commune-level unit of asOf stands for (or lies in). */
      const judgedFor = (u: TimedUnit): CommuneResult[] => {
        const r = resolveOn(timeline, u.id, ruleDate);
        const ids = r.kind === 'UNIT' ? [r.unitId] : r.kind === 'JOINT' ? r.unitIds : [];
        return ids.map((id) => communeById.get(id)).filter((c): c is CommuneResult => !!c);
      };
      const regroupedCommune = (u: TimedUnit): Shown => {
        const judged = judgedFor(u);
        const level = (judged.length ? Math.min(...judged.map((c) => c.level)) : 0) as LiteracyLevel;
        const list = judged.map((c) => `${c.name}: ${levelVi(c.level)}`).join('; ');
        const listEn = judged.map((c) => `${c.name}: ${levelEn(c.level)}`).join('; ');
        const reasons = judged.length
          ? [
              `${u.name} không phải đơn vị được xét công nhận năm XMC ${year - 1}-${year}; kết quả theo đơn vị có hiệu lực ngày ${endVi} (${list})`,
              ...(judged.length > 1 ? [`Mức hiển thị là mức thấp nhất của các đơn vị trên`] : []),
            ]
          : [`${u.name} không tương ứng với đơn vị nào được xét công nhận năm XMC ${year - 1}-${year} (ngày ${endVi})`];
        const reasonsEn = judged.length
          ? [
              `${u.name} was not itself judged for ${year - 1}-${year}; verdicts of the units in force on ${ruleDate} (${listEn})`,
              ...(judged.length > 1 ? ['The level shown is the lowest of those units'] : []),
            ]
          : [`${u.name} corresponds to no unit judged for ${year - 1}-${year} (on ${ruleDate})`];
        // Its figures on asOf lie in a joint report: say so (and never "no data").
        const j = counts.has(u.id) ? undefined : [...joint.values()].find((x) => x.unitIds.includes(u.id));
        if (j) {
          const { vi, en } = jointReason(timeline, j);
          reasons.push(vi);
          reasonsEn.push(en);
        }
        return {
          level, reasons, reasonsEn, judgedAsUnit: false,
          dbkk: judged.length > 0 && judged.every((c) => c.dbkk),
          criteria: judged.length === 1 ? criteriaOf(judged[0]) : [],
        };
      };
      const regroupedDistrict = (u: TimedUnit): Shown => {
        // A district of asOf that was not a recognition tier on the end date: the communes judged then, for reference.
        const judged = new Map<string, CommuneResult>();
        for (const c of timeline.subtreeOn(u.id, asOf).filter((x) => BASE_LEVELS.has(x.level))) for (const j of judgedFor(c)) judged.set(j.unitId, j);
        const legacy = evaluateDistrict(u.id, [...judged.values()], { ...params, aggregationTier: 'DISTRICT' } as LiteracyParameters);
        legacy.reasons.push(
          `Năm XMC ${year - 1}-${year} được xét theo bộ tham số ${params.version}, trong đó huyện không phải cấp công nhận; kết quả chỉ để tham khảo`,
        );
        legacy.reasonsEn.push(`${year - 1}-${year} is judged under ${params.version}, where the district is not a recognition tier; for reference only`);
        return { ...shown(legacy), judgedAsUnit: false };
      };

      const subtree = timeline.subtreeOn(unit.id, asOf);
      const baseUnits = subtree.filter((u) => BASE_LEVELS.has(u.level));
      const statusOf = (u: TimedUnit): Shown => {
        if (BASE_LEVELS.has(u.level)) {
          const c = communeById.get(u.id);
          return c ? shown(c) : regroupedCommune(u);
        }
        if (u.level === 'DISTRICT') {
          const d = districtById.get(u.id);
          return d ? shown(d) : regroupedDistrict(u);
        }
        return shown(result.province);
      };
      const own = statusOf(unit);
      if (!own) throw Errors.notFound(UNIT, unit.id);

      const children: LiteracyChildStatus[] = subtree
        .filter((u) => u.parentId === unit.id && (BASE_LEVELS.has(u.level) || u.level === 'DISTRICT'))
        .map((u) => {
          const s = statusOf(u);
          const childBase = BASE_LEVELS.has(u.level) ? [u] : timeline.subtreeOn(u.id, asOf).filter((x) => BASE_LEVELS.has(x.level));
          const childData = dataOf(childBase);
          return {
            unitId: u.id, name: u.name, unitLevel: u.level, level: s.level, reasons: s.reasons, reasonsEn: s.reasonsEn,
            hasData: childBase.some((x) => counts.has(x.id)),
            dbkk: s.dbkk,
            // What the parent's table shows per child without one request per child.
            criteria: s.criteria,
            judgedAsUnit: s.judgedAsUnit,
            rates: bandRates(childData),
            communes: childBase.length,
            communesWithData: childBase.filter((x) => counts.has(x.id)).length,
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name, 'vi'));

      const chain = (params.recognition ?? []).map((step) => ({ tier: step.tier, recognisedBy: recognisersOf(step) }));
      const ownTier = BASE_LEVELS.has(unit.level) ? 'COMMUNE' : unit.level;
      const ownStep = own.judgedAsUnit ? (params.recognition ?? []).find((step) => step.tier === ownTier) : undefined;
      const withData = dataOf(baseUnits);
      const ownCounts = counts.get(unit.id);
      return {
        unitId: unit.id,
        unitName: unit.name,
        unitLevel: unit.level,
        year,
        periodCode,
        asOf,
        paramsVersion: params.version,
        aggregationTier: params.aggregationTier,
        ruleDate,
        recognitionChain: chain,
        recognisedBy: ownStep ? recognisersOf(ownStep) : [],
        judgedAsUnit: own.judgedAsUnit,
        level: own.level,
        dbkk: own.dbkk,
        dbkkSource: BASE_LEVELS.has(unit.level) && ownCounts ? (ownCounts.registryUsed ? 'REGISTRY' : 'REPORT') : null,
        reasons: own.reasons,
        reasonsEn: own.reasonsEn,
        criteria: own.criteria,
        rates: bandRates(withData),
        indicators: indicatorsOf(withData),
        children,
        communes: baseUnits.length,
        communesWithData: baseUnits.filter((u) => counts.has(u.id)).length,
        reports: withData.reduce((n, c) => n + c.reports, 0),
        unmappedData: unit.level === 'PROVINCE' ? unmapped : unmapped.filter((u) => u.unitId && isUnder(timeline, u.unitId, unit.path)),
        computedAt: new Date().toISOString(),
        dataAcceptedUntil: dataAcceptedUntil ? new Date(dataAcceptedUntil).toISOString() : null,
      };
    });
  }

  /**
   * Learning-model titles against the QĐ 1373 / QĐ 387 targets, from the TTHTCĐ semester reports of the school
   * year ending in `year` (per centre, its latest accepted semester: semester 2 if accepted, else semester 1).
   */
  async learningSocietyProgress(ctx: TenantContext, unitId: string, year: number, asOfArg?: string | null): Promise<LearningSocietyProgress> {
    assertUuid(unitId, 'unitId');
    checkYear(year);
    const periodCodes = [`${year - 1}-${year}-S1`, `${year - 1}-${year}-S2`];
    return this.db.run(ctx, async (em) => {
      const { provinceId, timeline, unit, asOf } = await this.scope(em, ctx, unitId, asOfArg);
      const targets = await this.parameters.effectiveTargets(em, provinceId);
      const sources = await this.sources(em, provinceId, TTHTCD_TEMPLATE_CODE, periodCodes);
      const latest = new Map<string, SourceRow>();
      for (const s of sources) {
        const prev = latest.get(s.centreId);
        if (!prev || prev.periodCode < s.periodCode) latest.set(s.centreId, s);
      }
      const inSubtree = new Set(timeline.subtreeOn(unit.id, asOf).map((u) => u.id));
      const totals = emptyLearningCounts();
      const used = new Set<string>();
      for (const s of latest.values()) {
        const r = resolveOn(timeline, s.unitId, asOf);
        // A report standing for several units together counts wherever all of them lie.
        const landed = r.kind === 'UNIT' ? [r.unitId] : r.kind === 'JOINT' ? r.unitIds : [];
        if (!landed.length || !landed.every((id) => inSubtree.has(id))) continue;
        addLearningValues(totals, s.values);
        used.add(s.periodCode);
      }
      const indicator = (code: string, model: string | null, recognised: number, eligible: number): LearningSocietyIndicator => {
        const target = targetFor(code, year, targets);
        const names = target ?? targets.find((t) => t.code === code);
        if (!target) {
          return {
            code, model, nameVi: names?.nameVi ?? code, nameEn: names?.nameEn ?? code, recognised, eligible,
            ratePct: eligible ? (recognised / eligible) * 100 : null, targetPct: null, targetYear: null, gapPct: null, status: 'NO_TARGET', legalBasis: null,
          };
        }
        const p = progress(recognised, eligible, target);
        return {
          code, model, nameVi: target.nameVi, nameEn: target.nameEn, recognised, eligible, ratePct: p.rate, targetPct: p.target,
          targetYear: target.year, gapPct: p.gap, status: p.status, legalBasis: target.legalBasis,
        };
      };
      const indicators = LearningModels.map((m) => indicator(TARGET_OF_MODEL[m], m, totals.models[m].recognised, totals.models[m].eligible));
      indicators.push(indicator('TTHTCD_IT', null, totals.itCentres, totals.reportingCentres));
      return {
        unitId: unit.id, unitName: unit.name, year, periodCodes: [...used].sort(), asOf, reportingCentres: totals.reportingCentres, indicators,
        computedAt: new Date().toISOString(),
      };
    });
  }

  // ----------------------------------------------------------------------------------------------------------

  /** Loads the province's units, decides asOf and checks that the caller may ask about the unit. */
  private async scope(em: EntityManager, ctx: TenantContext, unitId: string, asOfArg?: string | null): Promise<Scoped> {
    const head = await unitRefOf(em, unitId);
    if (!head) throw Errors.notFound(UNIT, unitId);
    const provinceId: string = head.provinceId;
    const { units, links } = await unitHistoryOfProvince(em, provinceId);
    const timeline = new UnitTimeline(units, links);
    const unit = timeline.get(unitId)!;

    let asOf: string;
    if (asOfArg) {
      try {
        asOf = toVietnamDate(asOfArg);
      } catch {
        throw Errors.badInput(`Ngày xem không hợp lệ: ${asOfArg}`, `Invalid asOf date: ${asOfArg}`, { field: 'asOf' });
      }
      if (!timeline.isValidOn(unit.id, asOf)) {
        throw Errors.badInput(
          `${unit.name} không có hiệu lực vào ngày ${asOf} (hiệu lực ${unit.validFrom} – ${unit.validTo ?? 'nay'})`,
          `${unit.name} is not valid on ${asOf} (valid ${unit.validFrom} – ${unit.validTo ?? 'now'})`,
          { field: 'asOf' },
        );
      }
    } else {
      // Default: today's units; a unit that no longer exists is shown as it last was.
      const today = todayInVietnam();
      asOf = timeline.isValidOn(unit.id, today) ? today : unit.validTo && unit.validTo < today ? unit.validTo : unit.validFrom;
    }

    if (ctx.scope === 'area') {
      if (!(ctx.areaPaths ?? []).some((p) => unit.path.startsWith(p))) {
        throw Errors.forbidden('You may only see literacy data of your own area', 'Bạn chỉ được xem số liệu xóa mù chữ trên địa bàn mình quản lý');
      }
    } else if (ctx.scope === 'unit') {
      if (!ctx.unitPath || !unit.path.startsWith(ctx.unitPath)) {
        throw Errors.forbidden('You may only see literacy data of your own area', 'Bạn chỉ được xem số liệu xóa mù chữ trên địa bàn mình quản lý');
      }
    } else if (ctx.scope === 'centre') {
      const centre = ctx.centreId ? await centreRefOf(em, ctx.centreId) : null;
      const mapped = centre ? timeline.mapTo(centre.unitId, asOf).unitId : null;
      if (!centre || (unit.id !== centre.unitId && unit.id !== mapped)) {
        throw Errors.forbidden('A centre may only see the literacy data of its own commune', 'Trung tâm chỉ được xem số liệu xóa mù chữ của xã mình');
      }
    }
    return { provinceId, timeline, unit, asOf };
  }

  /**
   * Accepted reports of a template and periods that the caller may see, each with the commune it was filed for:
   * its centre's unit on the period's end as recorded when the report was first submitted (org's reader), so a
   * reorganisation applied later, with an earlier effective date, does not move a past report to another commune.
   */
  private async sources(em: EntityManager, provinceId: string, templateCode: string, periodCodes: string[]): Promise<SourceRow[]> {
    const rows = await ReportingReader.acceptedReports(em, { provinceId, templateCode, periodCodes });
    const units = await centreUnitsAsRecorded(em, rows.map((r) => ({ centreId: r.centreId, date: r.periodEnd, knownAt: r.firstSubmittedAt })));
    return rows.flatMap(({ periodEnd: _e, firstSubmittedAt: _f, ...r }, i) => (units[i] ? [{ ...r, unitId: units[i]! }] : []));
  }
}

/** What the API shows for one unit of asOf: its own verdict, or the verdicts of the units judged then, regrouped. */
interface Shown {
  level: LiteracyLevel;
  reasons: string[];
  reasonsEn: string[];
  dbkk: boolean;
  criteria: LiteracyCriterion[];
  /** The unit itself was judged on the end date (false: a regrouping of other units' verdicts). */
  judgedAsUnit: boolean;
}

function shown(r: CommuneResult | AggregateResult): Shown {
  return { level: r.level, reasons: r.reasons, reasonsEn: r.reasonsEn, dbkk: r.kind === 'COMMUNE' ? r.dbkk : false, criteria: criteriaOf(r), judgedAsUnit: true };
}

function recognisersOf(step: RecognitionStep): LiteracyRecogniser[] {
  return [
    { level: 1, byVi: step.l1.vi, byEn: step.l1.en },
    { level: 2, byVi: step.l2.vi, byEn: step.l2.en },
  ];
}

const levelVi = (l: LiteracyLevel) => (l === 0 ? 'chưa đạt chuẩn' : `đạt mức độ ${l}`);
const levelEn = (l: LiteracyLevel) => (l === 0 ? 'not recognised' : `level ${l}`);
/** '2024-09-30' → '30/09/2024'. */
const viDate = (d: string) => d.split('-').reverse().join('/');

const NO_DATA_VI = 'Chưa có số liệu xóa mù chữ của xã';
const NO_DATA_EN = 'No literacy data reported for the commune';

function newTally(): Tally {
  return { ...emptyCounts(), dbkkVotes: [], registryUsed: false };
}

/** Why a commune has no figure of its own: who reported for it together with whom, and that it cannot be divided. */
function jointReason(timeline: UnitTimeline, j: JointTally): { vi: string; en: string } {
  const names = (ids: Iterable<string>) => [...ids].map((id) => timeline.get(id)?.name ?? id).join(', ');
  const by = names(j.reportedBy);
  const members = names(j.unitIds);
  if (j.reason === 'SPLIT') {
    return {
      vi: `Số liệu do ${by} báo cáo trước khi chia tách thành ${members}, không tách được cho từng đơn vị; được tính vào tổng của đơn vị cấp trên có đủ các đơn vị này`,
      en: `Reported by ${by} before it was split into ${members}; cannot be divided between them; counted in the totals of any unit containing all of them`,
    };
  }
  return {
    vi: `Số liệu do ${by} (hợp nhất từ ${members}) báo cáo chung, không tách được cho từng xã; được tính vào tổng của đơn vị cấp trên có đủ các xã này`,
    en: `Reported jointly by ${by} (merged from ${members}); cannot be divided between them; counted in the totals of any unit containing all of them`,
  };
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw Errors.badInput(`Năm không hợp lệ: ${year}`, `Invalid year: ${year}`, { field: 'year' });
  }
}

function isUnder(timeline: UnitTimeline, unitId: string, path: string): boolean {
  return timeline.get(unitId)?.path.startsWith(path) ?? false;
}

const pct = (n: number, d: number): number | null => (d > 0 ? (n / d) * 100 : null);

function criteriaOf(r: CommuneResult | AggregateResult): LiteracyCriterion[] {
  if (r.kind === 'COMMUNE') {
    return [r.l1, r.l2].map((c) => ({
      level: c.level, met: c.met, thresholdPct: c.threshold, valuePct: c.rate === null ? null : c.rate * 100, band: c.band, basis: c.basis,
      numerator: c.literate, denominator: c.denominator,
    }));
  }
  return [r.l1, r.l2].map((c) => ({
    level: c.level, met: c.met, thresholdPct: c.threshold, valuePct: c.share === null ? null : c.share * 100, band: null, basis: null,
    numerator: c.count, denominator: c.total,
  }));
}

function bandRates(communes: CommuneCounts[]): LiteracyBandRate[] {
  return LiteracyAgeBands.map((band) => {
    let population = 0;
    let literateL1 = 0;
    let literateL2 = 0;
    let n = 0;
    for (const c of communes) {
      const b = c.bands[band];
      if (!b) continue;
      population += b.population;
      literateL1 += b.literateL1;
      literateL2 += b.literateL2;
      n += 1;
    }
    return { band, population, literateL1, literateL2, rateL1Pct: pct(literateL1, population), rateL2Pct: pct(literateL2, population), communes: n };
  });
}

function indicatorsOf(communes: CommuneCounts[]): LiteracyIndicators {
  let belowL1 = 0;
  let belowL2 = 0;
  let illiterate = 0;
  let pop = 0;
  let dtts = 0;
  let p1 = 0;
  let p2 = 0;
  let newly = 0;
  let dttsLearners = 0;
  let phase1Done = 0;
  let phase2Done = 0;
  let reports = 0;
  let withDtts = 0;
  let withSplit = 0;
  let anyBand = false;
  for (const c of communes) {
    const b = c.bands['15_60'];
    if (b) {
      anyBand = true;
      belowL1 += b.population - b.literateL1;
      belowL2 += b.population - b.literateL2;
      pop += b.population;
      dtts += b.dtts;
    }
    // The reported count of illiterate people when given; otherwise everyone below level 1 [U].
    illiterate += c.illiterate15to60 ?? (b ? b.population - b.literateL1 : 0);
    p1 += c.learnersPhase1;
    p2 += c.learnersPhase2;
    newly += c.newlyLiterate;
    dttsLearners += c.learnersDtts;
    phase1Done += c.newlyPhase1;
    phase2Done += c.newlyPhase2;
    reports += c.reports;
    withDtts += c.reportsWithDtts;
    withSplit += c.reportsWithPhaseSplit;
  }
  // Only from reports that all carry the field (template v2); a mix with v1 reports would understate it.
  const allSplit = reports > 0 && withSplit === reports;
  const allDtts = reports > 0 && withDtts === reports;
  return {
    belowL1, belowL2, illiterate15to60: anyBand || communes.some((c) => c.illiterate15to60 !== null) ? illiterate : null,
    learnersPhase1: p1, learnersPhase2: p2, newlyLiterate: newly,
    mobilisationRatePct: pct(p1 + p2, illiterate),
    completionPct: pct(Math.min(newly, p1 + p2), p1 + p2),
    completionPhase1Pct: allSplit ? pct(phase1Done, p1) : null,
    completionPhase2Pct: allSplit ? pct(phase2Done, p2) : null,
    dttsLearnerSharePct: allDtts ? pct(dttsLearners, p1 + p2) : null,
    dttsPopulationSharePct: pct(dtts, pop),
  };
}
