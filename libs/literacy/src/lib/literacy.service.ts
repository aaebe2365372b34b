import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertUuid, Errors, TenantContext, TenantDb } from '@gdtx/platform';
import { todayInVietnam } from '@gdtx/domain';
import { centreRefOf, centreUnitsAsRecorded, unitHistoryOfProvince, unitRefOf } from '@gdtx/org';
import { ReportingReader } from '@gdtx/reporting';
import { LiteracyAgeBands, toVietnamDate, type LiteracyParameters } from './rules/parameters';
import {
  evaluateDistrict, rollUp, validateCommuneData, type AdminUnitNode, type AggregateResult, type CommuneLiteracyData, type CommuneResult,
} from './rules/recognition';
import { progress, targetFor } from './rules/learning-society';
import { resolveOn, UnitTimeline, UNMAPPED_REASON_VI, type TimedUnit } from './data/unit-timeline';
import {
  addLearningValues, addXmcValues, emptyCounts, emptyLearningCounts, LearningModels, TARGET_OF_MODEL, TTHTCD_TEMPLATE_CODE, XMC_TEMPLATE_CODE,
  type CommuneCounts, type ValueMap,
} from './data/xmc-values';
import { dbkkOn, LiteracyParametersService } from './literacy-parameters.service';
import type {
  LearningSocietyIndicator, LearningSocietyProgress, LiteracyBandRate, LiteracyChildStatus, LiteracyCriterion, LiteracyIndicators, LiteracyStatus,
  LiteracyUnmappedData,
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
      const params = await this.parameters.parametersOn(em, provinceId, asOf);
      const registry = await this.parameters.dbkkRows(em, provinceId);
      const sources = await this.sources(em, provinceId, XMC_TEMPLATE_CODE, [periodCode]);

      // Reports → the commune valid on asOf that stands for the reporting commune, or, where one report stands for
      // several communes of that date (merged after it, or split after the report), all of them together.
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
        const r = resolveOn(timeline, s.unitId, asOf);
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

      const tree: AdminUnitNode[] = timeline.unitsOn(asOf).map((u) => ({ id: u.id, parentId: u.parentId, level: u.level, name: u.name }));
      const communeData: CommuneLiteracyData[] = [];
      for (const [id, c] of counts) {
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
          unmapped.push({ centreId: null, unitId: id, reason: `số liệu không hợp lệ: ${issues.map((i) => i.messageVi).join('; ')}` });
          continue;
        }
        communeData.push(data);
      }

      let result: ReturnType<typeof rollUp>;
      try {
        result = rollUp(tree, communeData, params);
      } catch (e) {
        throw Errors.badInput(
          `Không tổng hợp được theo bộ tham số ${params.version} trên cơ cấu đơn vị ngày ${asOf}: ${(e as Error).message}`,
          `Cannot roll up with ${params.version} on the units of ${asOf}: ${(e as Error).message}`,
        );
      }
      // A commune whose figures lie in a joint report says so instead of "no data".
      const jointOf = new Map<string, JointTally>();
      for (const j of joint.values()) for (const id of j.unitIds) jointOf.set(id, j);
      for (const c of result.communes) {
        const j = jointOf.get(c.unitId);
        if (!j || counts.has(c.unitId)) continue;
        const { vi, en } = jointReason(timeline, j);
        const at = c.reasons.indexOf(NO_DATA_VI);
        if (at >= 0) c.reasons.splice(at, 1, vi);
        else c.reasons.push(vi);
        const atEn = c.reasonsEn.indexOf(NO_DATA_EN);
        if (atEn >= 0) c.reasonsEn.splice(atEn, 1, en);
        else c.reasonsEn.push(en);
      }
      const communeById = new Map(result.communes.map((c) => [c.unitId, c]));
      /** Counts of the base units given, with the joint reports all of whose units are among them. */
      const dataOf = (base: readonly TimedUnit[]): CommuneCounts[] => {
        const ids = new Set(base.map((u) => u.id));
        return [
          ...base.filter((u) => counts.has(u.id)).map((u) => counts.get(u.id)!),
          ...[...joint.values()].filter((j) => j.unitIds.every((id) => ids.has(id))).map((j) => j.counts),
        ];
      };
      const districtResult = (districtId: string): AggregateResult => {
        const found = result.districts.find((d) => d.unitId === districtId);
        if (found) return found;
        // A district still on record after the tier was abolished: evaluated on the former district rule, for reference.
        const communes = timeline.subtreeOn(districtId, asOf).filter((u) => BASE_LEVELS.has(u.level)).map((u) => communeById.get(u.id)!).filter(Boolean);
        const legacy = evaluateDistrict(districtId, communes, { ...params, aggregationTier: 'DISTRICT' } as LiteracyParameters);
        legacy.reasons.push(`Theo bộ tham số ${params.version}, cấp huyện không còn là cấp công nhận; kết quả chỉ để tham khảo`);
        legacy.reasonsEn.push(`Under ${params.version} the district is no longer a recognition tier; for reference only`);
        return legacy;
      };

      const subtree = timeline.subtreeOn(unit.id, asOf);
      const baseUnits = subtree.filter((u) => BASE_LEVELS.has(u.level));
      const statusOf = (u: TimedUnit): CommuneResult | AggregateResult =>
        BASE_LEVELS.has(u.level) ? communeById.get(u.id)! : u.level === 'DISTRICT' ? districtResult(u.id) : result.province;
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
            dbkk: s.kind === 'COMMUNE' ? s.dbkk : false,
            // What the parent's table shows per child without one request per child.
            criteria: criteriaOf(s),
            rates: bandRates(childData),
            communes: childBase.length,
            communesWithData: childBase.filter((x) => counts.has(x.id)).length,
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name, 'vi'));

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
        level: own.level,
        dbkk: own.kind === 'COMMUNE' ? own.dbkk : false,
        dbkkSource: own.kind === 'COMMUNE' && ownCounts ? (ownCounts.registryUsed ? 'REGISTRY' : 'REPORT') : null,
        reasons: own.reasons,
        reasonsEn: own.reasonsEn,
        criteria: criteriaOf(own),
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
