import { acceptedText, actingOffice, deadlineAheadText, overdueText, returnedOverdueText, returnedText, submittedText } from './notification-texts';
import { digestMail } from './mailer';

const report = {
  templateNameVi: 'Báo cáo học kỳ TTHTCĐ', templateNameEn: 'Community learning centre semester report',
  periodLabelVi: 'Học kỳ II năm học 2025-2026', periodLabelEn: 'Semester 2, 2025-2026', centreName: 'Trung tâm học tập cộng đồng Xã Xuân Hòa',
};
const ISO = /\b\d{4}-\d{2}-\d{2}\b/;

describe('notification texts', () => {
  it('names the office that acted: the commune office for a commune officer, the Sở otherwise', () => {
    expect(actingOffice({ level: 'COMMUNE', name: 'Xã Xuân Hòa' }, 'Tỉnh Thanh Hóa').vi).toBe('Phòng Văn hóa – Xã hội xã Xuân Hòa');
    expect(actingOffice({ level: 'WARD', name: 'Phường Hải Hòa' }, 'Tỉnh Thanh Hóa').vi).toBe('Phòng Văn hóa – Xã hội phường Hải Hòa');
    expect(actingOffice(null, 'Tỉnh Thanh Hóa')).toEqual({ vi: 'Sở GDĐT Thanh Hóa', en: 'the Thanh Hóa Department of Education and Training' });
    expect(actingOffice(null, 'Thành phố Hà Nội').vi).toBe('Sở GDĐT Hà Nội');
  });

  it('every text: dd/mm/yyyy dates, a body that does not repeat the title, English without Vietnamese prose', () => {
    const office = actingOffice({ level: 'COMMUNE', name: 'Xã Xuân Hòa' }, 'Tỉnh Thanh Hóa');
    const texts = [
      deadlineAheadText(report, '2026-12-10', 7), overdueText(report, '2026-11-30', 3), returnedOverdueText(report, '2026-06-20', '2026-07-15', 141),
      returnedText(report, office, 'Lê Thị Thu', 'Thiếu số lớp.', '2026-12-13'), acceptedText(report, office, 'Lê Thị Thu', '2026-12-03'),
      submittedText(report, 'Phạm Thị Hạnh', '2026-12-03'),
    ];
    for (const t of texts) {
      for (const s of Object.values(t)) expect([s, ISO.test(s)]).toEqual([s, false]);
      expect(t.bodyVi.includes(t.titleVi)).toBe(false);
      expect(t.bodyEn.includes(t.titleEn)).toBe(false);
      expect([t.bodyEn, /(Đề nghị|đã |báo cáo|ngày)/.test(t.titleEn + t.bodyEn)]).toEqual([t.bodyEn, false]);
    }
    expect(texts[0].titleVi).toBe('Sắp đến hạn nộp Báo cáo học kỳ TTHTCĐ – Học kỳ II năm học 2025-2026 (hạn 10/12/2026)');
    expect(texts[3].bodyVi).toBe(
      'Phòng Văn hóa – Xã hội xã Xuân Hòa đã trả lại báo cáo của Trung tâm học tập cộng đồng Xã Xuân Hòa (người thực hiện: Lê Thị Thu). ' +
      'Nhận xét: Thiếu số lớp. Đề nghị chỉnh sửa và nộp lại trước ngày 13/12/2026.',
    );
    expect(texts[3].bodyEn).toBe(
      'The Culture and Social Affairs Office of Xã Xuân Hòa returned the report of Trung tâm học tập cộng đồng Xã Xuân Hòa (by Lê Thị Thu). ' +
      'Comment: Thiếu số lớp. Please correct it and resubmit it by 13/12/2026.',
    );
    expect(returnedText(report, office, null, 'Sai số liệu', null).bodyVi).toContain('Nhận xét: Sai số liệu. Đề nghị chỉnh sửa và nộp lại.');
  });

  it('the digest: one mail listing every notification, with its link', () => {
    const m = digestMail({ fullName: 'Phạm Thị Hạnh', items: [
      { titleVi: 'Báo cáo đã được chấp nhận: A', bodyVi: 'X đã chấp nhận.', titleEn: 'Report accepted: A', bodyEn: 'X accepted it.', link: '/submissions/1' },
      { titleVi: 'Báo cáo bị trả lại: A', bodyVi: 'X đã trả lại.', titleEn: null, bodyEn: null, link: null },
    ] });
    expect(m.subject).toBe('[GDTX] 2 thông báo mới');
    expect(m.text.split('\n')[0]).toBe('Kính gửi Phạm Thị Hạnh,');
    expect(m.text).toContain('1. Báo cáo đã được chấp nhận: A\n   X đã chấp nhận.\n   Xem chi tiết trên hệ thống: /submissions/1');
    expect(m.text).toContain('2. Báo cáo bị trả lại: A\n   X đã trả lại.\n');
    expect(digestMail({ fullName: 'A', items: [{ titleVi: 'T', bodyVi: 'B', titleEn: 'TE', bodyEn: 'BE', link: null }] }).subject).toBe('[GDTX] T');
  });

  it('the digest in English for a user who chose English; a notification without English texts stays Vietnamese', () => {
    const items = [
      { titleVi: 'Báo cáo đã được chấp nhận: A', bodyVi: 'X đã chấp nhận.', titleEn: 'Report accepted: A', bodyEn: 'X accepted it.', link: '/submissions/1' },
      { titleVi: 'Báo cáo bị trả lại: A', bodyVi: 'X đã trả lại.', titleEn: null, bodyEn: null, link: null },
    ];
    const m = digestMail({ fullName: 'Phạm Thị Hạnh', language: 'en', items });
    expect(m.subject).toBe('[GDTX] 2 new notifications');
    expect(m.text.split('\n')[0]).toBe('Dear Phạm Thị Hạnh,');
    expect(m.text).toContain('You have 2 new notifications:');
    expect(m.text).toContain('1. Report accepted: A\n   X accepted it.\n   Open it in the system: /submissions/1');
    expect(m.text).toContain('2. Báo cáo bị trả lại: A\n   X đã trả lại.\n');
    expect(m.text).not.toMatch(/Kính gửi|Trân trọng/);
    expect(digestMail({ fullName: 'A', language: 'en', items: [items[0]] }).subject).toBe('[GDTX] Report accepted: A');
  });
});
