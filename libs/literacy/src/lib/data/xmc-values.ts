/**
 * Reads the value maps of the reporting templates into the shapes the pure rules take:
 * - XMC_COMMUNE_YEARLY (libs/domain xmc-commune.template.ts): `population.<band>.<measure>`, `dbkk`, `xmc_*`;
 * - TTHTCD_SEMESTER (tthtcd.template.ts): `learning_models.<model>.recognised|eligible`, `it_in_management`.
 * Several reports that land on the same unit (communes merged after the fact) are summed.
 */
import { LiteracyAgeBands, type LiteracyAgeBand } from '../rules/parameters';
import type { BandCounts } from '../rules/recognition';

export const XMC_TEMPLATE_CODE = 'XMC_COMMUNE_YEARLY';
export const TTHTCD_TEMPLATE_CODE = 'TTHTCD_SEMESTER';

export type ValueMap = Record<string, unknown>;

/** Counts of one commune (or of several merged ones) for one literacy year. */
export interface CommuneCounts {
  bands: Partial<Record<LiteracyAgeBand, BandCounts & { female: number; dtts: number }>>;
  /** The `dbkk` flag of every contributing report. */
  dbkkFlags: boolean[];
  illiterate15to60: number | null;
  learnersPhase1: number;
  learnersPhase2: number;
  newlyLiterate: number;
  /** Template v2 fields, with how many reports carried them (v1 reports do not): a share is only computed when
   * every contributing report gave its part, never from a mix. */
  learnersDtts: number;
  newlyPhase1: number;
  newlyPhase2: number;
  reportsWithDtts: number;
  reportsWithPhaseSplit: number;
  classes: number;
  reports: number;
}

const int = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null);

export function emptyCounts(): CommuneCounts {
  return {
    bands: {}, dbkkFlags: [], illiterate15to60: null, learnersPhase1: 0, learnersPhase2: 0, newlyLiterate: 0,
    learnersDtts: 0, newlyPhase1: 0, newlyPhase2: 0, reportsWithDtts: 0, reportsWithPhaseSplit: 0, classes: 0, reports: 0,
  };
}

/** Adds one XMC report's values to `into`. A band is taken only when its total, L1 and L2 are all present. */
export function addXmcValues(into: CommuneCounts, values: ValueMap): CommuneCounts {
  for (const band of LiteracyAgeBands) {
    const total = int(values[`population.${band}.total`]);
    const l1 = int(values[`population.${band}.literate_l1`]);
    const l2 = int(values[`population.${band}.literate_l2`]);
    if (total === null || l1 === null || l2 === null) continue;
    const prev = into.bands[band] ?? { population: 0, literateL1: 0, literateL2: 0, female: 0, dtts: 0 };
    into.bands[band] = {
      population: prev.population + total,
      literateL1: prev.literateL1 + l1,
      literateL2: prev.literateL2 + l2,
      female: prev.female + (int(values[`population.${band}.female`]) ?? 0),
      dtts: prev.dtts + (int(values[`population.${band}.dtts`]) ?? 0),
      ...(prev.disabledExempt !== undefined ? { disabledExempt: prev.disabledExempt } : {}),
    };
  }
  // The exempt count is reported for 15–60 only; it is attached to that band.
  const exempt = int(values['disabled_exempt_15_60']);
  if (exempt !== null && into.bands['15_60']) {
    into.bands['15_60'].disabledExempt = (into.bands['15_60'].disabledExempt ?? 0) + exempt;
  }
  if (typeof values['dbkk'] === 'boolean') into.dbkkFlags.push(values['dbkk']);
  const illiterate = int(values['illiterate_15_60']);
  if (illiterate !== null) into.illiterate15to60 = (into.illiterate15to60 ?? 0) + illiterate;
  into.learnersPhase1 += int(values['xmc_learners_phase1']) ?? 0;
  into.learnersPhase2 += int(values['xmc_learners_phase2']) ?? 0;
  into.newlyLiterate += int(values['xmc_newly_literate']) ?? 0;
  const dttsLearners = int(values['xmc_learners_dtts']);
  if (dttsLearners !== null) {
    into.learnersDtts += dttsLearners;
    into.reportsWithDtts += 1;
  }
  const phase1 = int(values['xmc_newly_literate_phase1']);
  const phase2 = int(values['xmc_newly_literate_phase2']);
  if (phase1 !== null && phase2 !== null) {
    into.newlyPhase1 += phase1;
    into.newlyPhase2 += phase2;
    into.reportsWithPhaseSplit += 1;
  }
  into.classes += int(values['xmc_classes']) ?? 0;
  into.reports += 1;
  return into;
}

export const LearningModels = ['learning_families', 'learning_clans', 'learning_communities', 'learning_units', 'learning_citizens'] as const;
export type LearningModel = (typeof LearningModels)[number];

/** Which national target measures each learning model of the TTHTCĐ report (domain §D4). */
export const TARGET_OF_MODEL: Record<LearningModel, string> = {
  learning_families: 'LEARNING_FAMILY',
  learning_clans: 'LEARNING_CLAN',
  learning_communities: 'LEARNING_COMMUNITY',
  learning_units: 'LEARNING_UNIT',
  learning_citizens: 'LEARNING_CITIZEN',
};

export interface LearningCounts {
  models: Record<LearningModel, { recognised: number; eligible: number }>;
  /** TTHTCĐ reporting IT in management / TTHTCĐ reporting at all (QĐ 1373 target TTHTCD_IT). */
  itCentres: number;
  reportingCentres: number;
}

export function emptyLearningCounts(): LearningCounts {
  return {
    models: Object.fromEntries(LearningModels.map((m) => [m, { recognised: 0, eligible: 0 }])) as LearningCounts['models'],
    itCentres: 0,
    reportingCentres: 0,
  };
}

/** Adds one TTHTCĐ semester report. A model row counts only when both columns are present and recognised ≤ eligible. */
export function addLearningValues(into: LearningCounts, values: ValueMap): LearningCounts {
  for (const m of LearningModels) {
    const r = int(values[`learning_models.${m}.recognised`]);
    const e = int(values[`learning_models.${m}.eligible`]);
    if (r === null || e === null || r > e) continue;
    into.models[m].recognised += r;
    into.models[m].eligible += e;
  }
  if (values['it_in_management'] === true) into.itCentres += 1;
  into.reportingCentres += 1;
  return into;
}
