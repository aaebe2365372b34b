import { LEARNING_SOCIETY_TARGETS, findTarget, progress, targetFor, type LearningSocietyTarget } from './learning-society';

describe('learning-society targets (domain §D4)', () => {
  it('transcribes QĐ 387/QĐ-TTg (2022) targets for 2025', () => {
    const expected: Array<[string, number]> = [
      ['LEARNING_FAMILY', 70],
      ['LEARNING_CLAN', 65],
      ['LEARNING_COMMUNITY', 65],
      ['LEARNING_UNIT', 80],
      ['LEARNING_CITIZEN_COMMUNITY_WORKERS', 40],
      ['LEARNING_CITIZEN_UNIT_STAFF', 60],
    ];
    for (const [code, pct] of expected) {
      const t = findTarget(code, 2025);
      expect(t).toBeDefined();
      expect(t?.targetPct).toBe(pct);
      expect(t?.legalBasis).toMatch(/387\/QĐ-TTg/);
    }
  });

  it('transcribes QĐ 1373/QĐ-TTg (2021) targets for 2025 and 2030', () => {
    const pairs: Array<[string, number, number | undefined]> = [
      ['XMC_L2_PROVINCES', 70, 90],
      ['INFORMATION_COMPETENCE', 50, 70],
      ['LIFE_SKILLS', 50, 70],
      ['DIGITAL_INSTITUTIONS', 60, 80],
      ['LEARNING_CITIZEN', 40, 60],
      ['TTHTCD_IT', 70, undefined],
    ];
    for (const [code, y2025, y2030] of pairs) {
      expect(findTarget(code, 2025)?.targetPct).toBe(y2025);
      expect(findTarget(code, 2030)?.targetPct).toBe(y2030);
      expect(findTarget(code, 2025)?.legalBasis).toMatch(/1373\/QĐ-TTg/);
    }
  });

  it('every target has both names, and (code, year) is unique', () => {
    const keys = new Set<string>();
    for (const t of LEARNING_SOCIETY_TARGETS) {
      expect(t.nameVi.length).toBeGreaterThan(0);
      expect(t.nameEn.length).toBeGreaterThan(0);
      keys.add(`${t.code}@${t.year}`);
    }
    expect(keys.size).toBe(LEARNING_SOCIETY_TARGETS.length);
  });

  it('targetFor picks the next target year, then the last one', () => {
    expect(targetFor('XMC_L2_PROVINCES', 2024)?.targetPct).toBe(70);
    expect(targetFor('XMC_L2_PROVINCES', 2027)?.targetPct).toBe(90);
    expect(targetFor('XMC_L2_PROVINCES', 2032)?.year).toBe(2030);
    expect(targetFor('TTHTCD_IT', 2028)?.year).toBe(2025);
    expect(targetFor('UNKNOWN', 2025)).toBeUndefined();
  });

  it('accepts an edited target list', () => {
    const local: LearningSocietyTarget[] = [
      { code: 'LEARNING_FAMILY', nameVi: 'Gia đình học tập', nameEn: 'Learning families', targetPct: 75, year: 2025, legalBasis: 'Kế hoạch UBND tỉnh' },
    ];
    expect(findTarget('LEARNING_FAMILY', 2025, local)?.targetPct).toBe(75);
  });
});

describe('progress', () => {
  it('MET exactly at the target (70 of 100 against 70%)', () => {
    expect(progress(70, 100, 70)).toEqual({ rate: 70, target: 70, gap: 0, met: true, status: 'MET' });
    expect(progress(29, 100, 29).status).toBe('MET'); // 29/100*100 = 28.999999999999996 in floating point
  });

  it('ON_TRACK within 10 points, BEHIND beyond (boundary at exactly 10 points is on track)', () => {
    const family = findTarget('LEARNING_FAMILY', 2025) as LearningSocietyTarget;
    expect(progress(625, 1000, family)).toMatchObject({ rate: 62.5, target: 70, gap: 7.5, met: false, status: 'ON_TRACK' });
    expect(progress(600, 1000, family).status).toBe('ON_TRACK');
    expect(progress(599, 1000, family)).toMatchObject({ status: 'BEHIND', gap: 10.1 });
  });

  it('the on-track window is an option', () => {
    expect(progress(62, 100, 70, { onTrackWithinPoints: 5 }).status).toBe('BEHIND');
    expect(progress(65, 100, 70, { onTrackWithinPoints: 5 }).status).toBe('ON_TRACK');
    expect(progress(1, 100, 8, { onTrackWithinPoints: 10 }).status).toBe('ON_TRACK'); // window below 0%
  });

  it('NO_DATA when nothing is eligible; impossible inputs throw', () => {
    expect(progress(0, 0, 65)).toEqual({ rate: null, target: 65, gap: null, met: false, status: 'NO_DATA' });
    expect(() => progress(11, 10, 65)).toThrow(/cannot exceed/);
    expect(() => progress(1, 10, 120)).toThrow(/≤ 100/);
    expect(() => progress(-1, 10, 65)).toThrow(RangeError);
  });
});
