import { compareLsn } from './write-positions';

describe('compareLsn (pg_lsn text order, read-your-writes)', () => {
  it('orders by the high word, then the low word, as hexadecimal numbers', () => {
    expect(compareLsn('0/16B3748', '0/16B3748')).toBe(0);
    expect(compareLsn('0/16B3749', '0/16B3748')).toBe(1);
    // Text order would say otherwise: 'A' < 'F' but 0/A0000000 > 0/F000000 (one more digit).
    expect(compareLsn('0/A0000000', '0/F000000')).toBe(1);
    expect(compareLsn('1/0', '0/FFFFFFFF')).toBe(1);
    expect(compareLsn('0/FFFFFFFF', '1/0')).toBe(-1);
    expect(compareLsn('FFFFFFFF/FFFFFFFF', '16/B374D848')).toBe(1);
  });
});
