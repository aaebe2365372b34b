import { SHIPPED_MINISTRY_LAYOUTS, validateMinistryLayout } from './layouts';

describe('the ministry layouts as data', () => {
  it('the shipped layouts are valid and say they are not the official templates', () => {
    for (const l of SHIPPED_MINISTRY_LAYOUTS) {
      expect([l.code, validateMinistryLayout(l)]).toEqual([l.code, []]);
      expect(l.official).toBe(false);
      expect(l.noteVi).toMatch(/chưa có trong tài liệu/);
    }
  });

  it('refuses a layout without a ministry-code column, with ragged headers or unknown sources', () => {
    const [l] = SHIPPED_MINISTRY_LAYOUTS;
    expect(validateMinistryLayout({ ...l, columns: l.columns.slice(1) })).toContain('one column must be the ministry code (the rows are matched by it)');
    expect(validateMinistryLayout({ ...l, columns: [...l.columns, { header: ['x'], source: { sum: ['a'] } }] })[0]).toMatch(/header: 2 texts/);
    expect(validateMinistryLayout({ ...l, columns: [...l.columns, { header: ['x', 'y'], source: { sql: 'DROP' } }] })[0]).toMatch(/source/);
    expect(validateMinistryLayout(null)).toEqual(['not an object']);
  });
});
