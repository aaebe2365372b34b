import { unitOnAsRecorded } from './history.reader';

// Issue 11, defect 8: a reorganisation applied later with an earlier effective date does not move what a centre
// reported before it was recorded.
describe('unitOnAsRecorded', () => {
  const recorded = new Date('2026-12-01T08:00:00Z');
  const history = [
    { adminUnitId: 'OLD', validFrom: '2010-09-01', validTo: '2025-06-30', reorganisationRecordedAt: null },
    { adminUnitId: 'NEW', validFrom: '2025-07-01', validTo: null, reorganisationRecordedAt: recorded },
  ];

  it('known before the reorganisation was recorded: the centre was still in its old unit', () => {
    expect(unitOnAsRecorded(history, '2025-09-30', new Date('2025-10-12T03:00:00Z'))).toBe('OLD');
  });

  it('known after it (or asked without a moment): the unit the history gives', () => {
    expect(unitOnAsRecorded(history, '2025-09-30', new Date('2026-12-02T00:00:00Z'))).toBe('NEW');
    expect(unitOnAsRecorded(history, '2025-09-30', null)).toBe('NEW');
    expect(unitOnAsRecorded(history, '2025-01-31', null)).toBe('OLD');
  });

  it('a move not made by a reorganisation is always known', () => {
    const moved = [history[0], { ...history[1], reorganisationRecordedAt: null }];
    expect(unitOnAsRecorded(moved, '2025-09-30', new Date('2025-10-12T03:00:00Z'))).toBe('NEW');
    expect(unitOnAsRecorded(moved, '2009-01-01', null)).toBeNull();
  });
});
