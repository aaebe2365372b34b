import { closingRecipientLines } from './render/recipients';
import { defaultDocumentSettings, placeOfProvince } from './document-settings.service';
import { sentenceCase } from './official-documents.service';
import { calendarDateVi, dateTimeVi, formatNumberVi, formatQuantityVi, placeAndDateVi, upperVi } from './vietnamese-format';

describe('Vietnamese formats of the official documents', () => {
  it('writes numbers with "." for thousands and "," for decimals, at most two decimals, and the unit after a space', () => {
    expect(formatNumberVi(1234.5)).toBe('1.234,5');
    expect(formatNumberVi(1234567)).toBe('1.234.567');
    expect(formatNumberVi(99.6049)).toBe('99,6');
    expect(formatNumberVi(0)).toBe('0');
    expect(formatNumberVi(null)).toBe('—');
    expect(formatQuantityVi(89.94, '%')).toBe('89,94 %');
    expect(formatQuantityVi(null, '%')).toBe('—');
  });

  it('dates the place line as Decree 30/2020 asks: a leading zero for days below 10 and for January and February only', () => {
    // 09:00 in Vietnam is 02:00 UTC.
    expect(placeAndDateVi('Thanh Hóa', new Date('2026-12-03T02:00:00Z'))).toBe('Thanh Hóa, ngày 03 tháng 12 năm 2026');
    expect(placeAndDateVi('Thanh Hóa', new Date('2026-02-05T02:00:00Z'))).toBe('Thanh Hóa, ngày 05 tháng 02 năm 2026');
    expect(placeAndDateVi('Bắc Ninh', new Date('2026-03-15T02:00:00Z'))).toBe('Bắc Ninh, ngày 15 tháng 3 năm 2026');
    // 20:00 UTC on 31 December is already 1 January in Vietnam.
    expect(placeAndDateVi('Hà Nội', new Date('2026-12-31T20:00:00Z'))).toBe('Hà Nội, ngày 01 tháng 01 năm 2027');
    expect(dateTimeVi(new Date('2026-12-03T06:46:00Z'))).toBe('13:46 ngày 03/12/2026');
    expect(calendarDateVi('2025-07-01')).toBe('01/07/2025');
  });

  it('capitals keep their diacritics in NFC', () => {
    const upper = upperVi('Tỉnh Thanh Hóa'.normalize('NFD'));
    expect(upper).toBe('TỈNH THANH HÓA');
    expect(upper).toBe(upper.normalize('NFC'));
    expect(sentenceCase('SỞ GIÁO DỤC VÀ ĐÀO TẠO')).toBe('Sở Giáo dục và Đào tạo');
    expect(sentenceCase('SỞ GIÁO DỤC VÀ ĐÀO TẠO THANH HÓA')).toBe('Sở Giáo dục và Đào tạo Thanh Hóa');
  });

  it('closes the recipients as the decree writes them', () => {
    expect(closingRecipientLines(['Như trên', '- UBND tỉnh (để báo cáo);', ' ', 'Lưu: VT, GDTX.'])).toEqual(['- Như trên;', '- UBND tỉnh (để báo cáo);', '- Lưu: VT, GDTX.']);
  });

  it('derives the defaults from the province name', () => {
    expect(placeOfProvince('Tỉnh Thanh Hóa')).toBe('Thanh Hóa');
    expect(placeOfProvince('Thành phố Hồ Chí Minh')).toBe('Thành phố Hồ Chí Minh');
    expect(placeOfProvince('Thành phố Hà Nội')).toBe('Hà Nội');
    expect(defaultDocumentSettings('Thành phố Hà Nội')).toMatchObject({ governingBody: 'UBND THÀNH PHỐ HÀ NỘI', place: 'Hà Nội', isDefault: true, signerName: '' });
  });
});
