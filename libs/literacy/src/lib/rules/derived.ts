/**
 * Derived literacy indicators — domain.md §D1 ("Derived indicators"), §E.3, §E.6.
 *
 * Rates here are descriptive (no legal threshold), returned as ratios (0.8 = 80%) or null when the
 * denominator is 0. Impossible counts throw a RangeError.
 */
import { assertCount, ratio } from './exact';
import { bandLabel, type LiteracyAgeBand } from './parameters';
import type { BandCounts, CommuneLiteracyData } from './recognition';

export interface PeopleBelow {
  /** population − literate at level 1: people not yet literate at level 1 ("chưa biết chữ mức độ 1"). */
  belowL1: number;
  /** population − literate at level 2 (includes everyone below level 1). */
  belowL2: number;
}

function checkBand(c: BandCounts, where = 'band'): void {
  assertCount(c.population, `${where}.population`);
  assertCount(c.literateL1, `${where}.literateL1`);
  assertCount(c.literateL2, `${where}.literateL2`);
  if (c.literateL1 > c.population) throw new RangeError(`${where}: literateL1 exceeds population`);
  if (c.literateL2 > c.literateL1) throw new RangeError(`${where}: literateL2 exceeds literateL1`);
}

/** People below level 1 and below level 2 in one band (whole population; disabled exempt persons included). */
export function peopleBelow(counts: BandCounts): PeopleBelow {
  checkBand(counts);
  return { belowL1: counts.population - counts.literateL1, belowL2: counts.population - counts.literateL2 };
}

/** Sum of {@link peopleBelow} over communes for one band (default 15–60); lists communes lacking the band. */
export function totalPeopleBelow(
  communes: readonly CommuneLiteracyData[],
  band: LiteracyAgeBand = '15_60',
): PeopleBelow & { communesWithoutBand: string[] } {
  let belowL1 = 0;
  let belowL2 = 0;
  const communesWithoutBand: string[] = [];
  for (const c of communes) {
    const counts = c.bands[band];
    if (!counts) {
      communesWithoutBand.push(c.unitId);
      continue;
    }
    checkBand(counts, `${c.unitId}.${bandLabel(band)}`);
    belowL1 += counts.population - counts.literateL1;
    belowL2 += counts.population - counts.literateL2;
  }
  return { belowL1, belowL2, communesWithoutBand };
}

/**
 * Who counts as "illiterate aged 15–60" for the mobilisation rate. The domain does not say [U]:
 * 'BELOW_L1' = not literate at all (phase 1 target group); 'BELOW_L2' = not yet at level 2, the target group
 * of both phases (consistent with a numerator that counts phase 1 and phase 2 learners). The caller chooses.
 */
export type IlliteracyBasis = 'BELOW_L1' | 'BELOW_L2';

export function illiterateCount(band15to60: BandCounts, basis: IlliteracyBasis): number {
  const below = peopleBelow(band15to60);
  return basis === 'BELOW_L1' ? below.belowL1 : below.belowL2;
}

/**
 * Mobilisation rate = XMC learners / illiterate people aged 15–60 (≈3% nationally in 2017). May exceed 1
 * when learners come from outside the band, so it is not capped. Null when nobody is illiterate.
 */
export function mobilisationRate(xmcLearners: number, illiterate15to60: number): number | null {
  assertCount(xmcLearners, 'xmcLearners');
  assertCount(illiterate15to60, 'illiterate15to60');
  return ratio(xmcLearners, illiterate15to60);
}

/** Learners and newly literate people of one XMC phase (giai đoạn) in a period. */
export interface PhaseActivity {
  learners: number;
  /** Learners who completed the phase and were recognised literate at its level (§E.6: ≤ learners). */
  newlyLiterate: number;
}

/** Completion = newly literate / learners, or null when the phase had no learners. */
export function completionRate(newlyLiterate: number, learners: number): number | null {
  assertCount(newlyLiterate, 'newlyLiterate');
  assertCount(learners, 'learners');
  if (newlyLiterate > learners) throw new RangeError('newly literate cannot exceed learners');
  return ratio(newlyLiterate, learners);
}

export interface PhaseCompletion {
  /** Phase 1 → literacy level 1. */
  phase1: number | null;
  /** Phase 2 → literacy level 2. */
  phase2: number | null;
  /** Both phases pooled. */
  overall: number | null;
}

export function phaseCompletion(activity: { phase1: PhaseActivity; phase2: PhaseActivity }): PhaseCompletion {
  const { phase1, phase2 } = activity;
  return {
    phase1: completionRate(phase1.newlyLiterate, phase1.learners),
    phase2: completionRate(phase2.newlyLiterate, phase2.learners),
    overall: completionRate(phase1.newlyLiterate + phase2.newlyLiterate, phase1.learners + phase2.learners),
  };
}

/** Share of XMC learners who are ethnic minority (DTTS): 80% nationally in 2024-25. Null when no learners. */
export function dttsShare(dttsLearners: number, totalLearners: number): number | null {
  assertCount(dttsLearners, 'dttsLearners');
  assertCount(totalLearners, 'totalLearners');
  if (dttsLearners > totalLearners) throw new RangeError('DTTS learners cannot exceed total learners');
  return ratio(dttsLearners, totalLearners);
}
