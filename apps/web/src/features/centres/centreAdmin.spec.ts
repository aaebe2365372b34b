import {
  CENTRE_CODE_PATTERN, buildUnitTree, centreChanges, countByLevel, createErrorField, isNotFuture, isOnOrAfter, isPhone, optionalText, unitTrail,
} from './centreAdmin';

const units = [
  { id: 'c2', name: 'Xã Xuân Tín', level: 'COMMUNE', parentId: 'd1' },
  { id: 'w1', name: 'Phường Điện Biên', level: 'WARD', parentId: 'd2' },
  { id: 'p', name: 'Tỉnh Thanh Hóa', level: 'PROVINCE', parentId: null },
  { id: 'd2', name: 'Thành phố Thanh Hóa', level: 'DISTRICT', parentId: 'p' },
  { id: 'c1', name: 'Xã Thọ Lập', level: 'COMMUNE', parentId: 'd1' },
  { id: 'd1', name: 'Huyện Thọ Xuân', level: 'DISTRICT', parentId: 'p' },
  { id: 'x', name: 'Xã Hoằng Tiến', level: 'COMMUNE', parentId: 'ended-district' },
];

describe('unit tree', () => {
  it('nests province → district → commune, sorted by level then Vietnamese name', () => {
    const tree = buildUnitTree(units);
    expect(tree.map((n) => n.unit.id)).toEqual(['p', 'x']);
    const [province] = tree;
    expect(province.children.map((n) => n.unit.name)).toEqual(['Huyện Thọ Xuân', 'Thành phố Thanh Hóa']);
    expect(province.children[0].children.map((n) => n.unit.name)).toEqual(['Xã Thọ Lập', 'Xã Xuân Tín']);
    expect(province.children[1].children.map((n) => n.unit.id)).toEqual(['w1']);
  });

  it('after the reform, communes hang directly under the province (districts first, then wards and communes)', () => {
    const reformed = [
      { id: 'p', name: 'Tỉnh Thanh Hóa', level: 'PROVINCE', parentId: null },
      { id: 'c', name: 'Xã Xuân Lập', level: 'COMMUNE', parentId: 'p' },
      { id: 'w', name: 'Phường Hạc Thành', level: 'WARD', parentId: 'p' },
    ];
    const [province] = buildUnitTree(reformed);
    expect(province.children.map((n) => n.unit.id)).toEqual(['w', 'c']);
  });

  it('keeps a unit whose parent is not in the list as a root, and survives a self-parent', () => {
    const tree = buildUnitTree([{ id: 'a', name: 'A', level: 'COMMUNE', parentId: 'a' }]);
    expect(tree).toHaveLength(1);
    expect(tree[0].children).toEqual([]);
  });

  it('counts units per level and gives the trail from the province', () => {
    expect(countByLevel(units)).toEqual({ PROVINCE: 1, DISTRICT: 2, COMMUNE: 3, WARD: 1 });
    expect(unitTrail(units, 'c2')).toEqual(['Tỉnh Thanh Hóa', 'Huyện Thọ Xuân', 'Xã Xuân Tín']);
    expect(unitTrail(units, 'missing')).toEqual([]);
  });
});

describe('form rules', () => {
  it('accepts centre codes as the Sở writes them and refuses spaces or one character', () => {
    expect(CENTRE_CODE_PATTERN.test('TH-NN-001')).toBe(true);
    expect(CENTRE_CODE_PATTERN.test('TH.TT_02/2025')).toBe(true);
    expect(CENTRE_CODE_PATTERN.test('TH NN 001')).toBe(false);
    expect(CENTRE_CODE_PATTERN.test('T')).toBe(false);
    expect(CENTRE_CODE_PATTERN.test('-TH')).toBe(false);
  });

  it('accepts Vietnamese phone numbers with separators', () => {
    expect(isPhone('0237 3852 123')).toBe(true);
    expect(isPhone('+84 237.385.2123')).toBe(true);
    expect(isPhone('(0237) 385-2123')).toBe(true);
    expect(isPhone('12345')).toBe(false);
    expect(isPhone('abc 1234 5678')).toBe(false);
  });

  it('compares calendar dates', () => {
    expect(isNotFuture('2026-12-01', '2026-12-01')).toBe(true);
    expect(isNotFuture('2026-12-02', '2026-12-01')).toBe(false);
    expect(isNotFuture('01/12/2026', '2026-12-01')).toBe(false);
    expect(isOnOrAfter('2026-01-01', '2025-12-31')).toBe(true);
    expect(isOnOrAfter('2025-12-30', '2025-12-31')).toBe(false);
    expect(isOnOrAfter(null, '2025-12-31')).toBe(true);
  });

  it('trims optional text and turns blanks into "not given"', () => {
    expect(optionalText('  Lê Lợi ')).toBe('Lê Lợi');
    expect(optionalText('   ')).toBeUndefined();
    expect(optionalText(null)).toBeUndefined();
  });
});

describe('centre edit', () => {
  const current = { name: 'Trung tâm A', address: '1 Lê Lợi', phone: '0237 385 2123', email: 'a@example.vn', adminUnitId: 'u1', supervisingUnitId: 'p' };

  it('sends only what changed, trimmed', () => {
    expect(centreChanges(current, { ...current, name: ' Trung tâm A mới ', phone: '0237 385 2123 ' })).toEqual({
      changes: { name: 'Trung tâm A mới' },
      cleared: [],
    });
    expect(centreChanges(current, { ...current, adminUnitId: 'u2' }).changes).toEqual({ adminUnitId: 'u2' });
    expect(centreChanges(current, { ...current })).toEqual({ changes: {}, cleared: [] });
  });

  it('reports a cleared field instead of sending it (the API keeps a missing field)', () => {
    expect(centreChanges(current, { ...current, email: '', address: 'Số 2 Lê Lợi' })).toEqual({
      changes: { address: 'Số 2 Lê Lợi' },
      cleared: ['email'],
    });
  });

  it('puts a duplicate code (CONFLICT) on the code field and validation errors on their field', () => {
    expect(createErrorField('CONFLICT', {})).toBe('code');
    expect(createErrorField('VALIDATION_FAILED', { fields: [{ field: 'email' }] })).toBe('email');
    expect(createErrorField('FORBIDDEN', {})).toBeNull();
  });
});
