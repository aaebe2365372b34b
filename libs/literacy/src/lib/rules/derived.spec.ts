import {
  completionRate,
  dttsShare,
  illiterateCount,
  mobilisationRate,
  peopleBelow,
  phaseCompletion,
  totalPeopleBelow,
} from './derived';
import type { CommuneLiteracyData } from './recognition';

const band = (population: number, literateL1: number, literateL2: number) => ({ population, literateL1, literateL2 });

describe('people below level 1 / level 2', () => {
  it('is population minus literate, per band', () => {
    expect(peopleBelow(band(2000, 1950, 1900))).toEqual({ belowL1: 50, belowL2: 100 });
    expect(peopleBelow(band(0, 0, 0))).toEqual({ belowL1: 0, belowL2: 0 });
  });

  it('sums over communes on 15–60 by default and lists communes without the band', () => {
    const communes: CommuneLiteracyData[] = [
      { unitId: 'A', name: 'A', dbkk: false, bands: { '15_60': band(2000, 1950, 1900), '15_35': band(900, 899, 890) } },
      { unitId: 'B', name: 'B', dbkk: true, bands: { '15_60': band(1000, 900, 700) } },
      { unitId: 'C', name: 'C', dbkk: false, bands: { '15_35': band(500, 500, 500) } },
    ];
    expect(totalPeopleBelow(communes)).toEqual({ belowL1: 150, belowL2: 400, communesWithoutBand: ['C'] });
    expect(totalPeopleBelow(communes, '15_35')).toEqual({ belowL1: 1, belowL2: 10, communesWithoutBand: ['B'] });
  });

  it('rejects inconsistent counts', () => {
    expect(() => peopleBelow(band(10, 11, 5))).toThrow(/literateL1 exceeds population/);
    expect(() => peopleBelow(band(10, 5, 6))).toThrow(/literateL2 exceeds literateL1/);
    expect(() => peopleBelow(band(10, -1, 0))).toThrow(RangeError);
  });
});

describe('mobilisation rate', () => {
  it('2024-25 national figures: 70,719 learners over 646,672 people below level 1 ≈ 10.9%', () => {
    expect(mobilisationRate(70719, 646672)).toBeCloseTo(0.10936, 4);
    expect(mobilisationRate(70719, 1643461)).toBeCloseTo(0.04303, 4);
  });

  it('is null when nobody is illiterate, and the basis of "illiterate" is explicit', () => {
    expect(mobilisationRate(5, 0)).toBeNull();
    const b = band(2000, 1950, 1900);
    expect(illiterateCount(b, 'BELOW_L1')).toBe(50);
    expect(illiterateCount(b, 'BELOW_L2')).toBe(100);
    expect(mobilisationRate(10, illiterateCount(b, 'BELOW_L2'))).toBe(0.1);
  });
});

describe('completion per phase', () => {
  it('newly literate / learners per phase and pooled', () => {
    const r = phaseCompletion({
      phase1: { learners: 34920, newlyLiterate: 31428 },
      phase2: { learners: 35799, newlyLiterate: 28639 },
    });
    expect(r.phase1).toBeCloseTo(0.9, 6);
    expect(r.phase2).toBeCloseTo(0.8, 4);
    expect(r.overall).toBeCloseTo((31428 + 28639) / 70719, 12);
  });

  it('null for a phase with no learners; newly literate above learners is an error (§E.6)', () => {
    expect(phaseCompletion({ phase1: { learners: 0, newlyLiterate: 0 }, phase2: { learners: 4, newlyLiterate: 3 } })).toEqual({
      phase1: null,
      phase2: 0.75,
      overall: 0.75,
    });
    expect(() => completionRate(5, 4)).toThrow(/cannot exceed/);
  });
});

describe('DTTS share of learners', () => {
  it('80% nationally in 2024-25', () => {
    expect(dttsShare(56575, 70719)).toBeCloseTo(0.8, 4);
    expect(dttsShare(0, 0)).toBeNull();
    expect(() => dttsShare(11, 10)).toThrow(/cannot exceed/);
  });
});
