import { addLearningValues, addXmcValues, emptyCounts, emptyLearningCounts } from './xmc-values';

describe('reading report values', () => {
  const report = (pop: number, l1: number, l2: number, dbkk: boolean) => ({
    'population.15_25.total': Math.round(pop * 0.2), 'population.15_25.literate_l1': Math.round(l1 * 0.2), 'population.15_25.literate_l2': Math.round(l2 * 0.2),
    'population.15_35.total': pop / 2, 'population.15_35.literate_l1': l1 / 2, 'population.15_35.literate_l2': l2 / 2,
    'population.15_60.total': pop, 'population.15_60.literate_l1': l1, 'population.15_60.literate_l2': l2, 'population.15_60.dtts': 10,
    disabled_exempt_15_60: 3, illiterate_15_60: pop - l1, dbkk, xmc_learners_phase1: 5, xmc_learners_phase2: 2, xmc_newly_literate: 6, xmc_classes: 1,
  });

  it('sums two merged communes band by band and keeps every ĐBKK flag', () => {
    const c = addXmcValues(addXmcValues(emptyCounts(), report(1000, 950, 900, true)), report(2000, 1800, 1700, false));
    expect(c.bands['15_60']).toEqual({ population: 3000, literateL1: 2750, literateL2: 2600, female: 0, dtts: 20, disabledExempt: 6 });
    expect(c.bands['15_35']!.population).toBe(1500);
    expect(c.dbkkFlags).toEqual([true, false]);
    expect(c.illiterate15to60).toBe(250);
    expect([c.learnersPhase1, c.learnersPhase2, c.newlyLiterate, c.reports]).toEqual([10, 4, 12, 2]);
  });

  it('skips a band with a missing or non-integer count instead of guessing', () => {
    const c = addXmcValues(emptyCounts(), { 'population.15_35.total': 100, 'population.15_35.literate_l1': 90.5, 'population.15_35.literate_l2': 80 });
    expect(c.bands['15_35']).toBeUndefined();
    expect(c.illiterate15to60).toBeNull();
  });

  it('learning models: sums recognised/eligible, ignores impossible rows, counts TTHTCĐ using IT', () => {
    const l = emptyLearningCounts();
    addLearningValues(l, { 'learning_models.learning_families.recognised': 300, 'learning_models.learning_families.eligible': 400, it_in_management: true });
    addLearningValues(l, { 'learning_models.learning_families.recognised': 50, 'learning_models.learning_families.eligible': 40, it_in_management: false });
    expect(l.models.learning_families).toEqual({ recognised: 300, eligible: 400 });
    expect([l.itCentres, l.reportingCentres]).toEqual([1, 2]);
  });
});
