import { notificationMail } from './mailer';

describe('notification e-mail', () => {
  it('is Vietnamese: subject tagged [GDTX], greeting by name, body, link and signature', () => {
    const m = notificationMail({ fullName: 'Lê Văn Bình', titleVi: 'Sắp đến hạn nộp báo cáo', bodyVi: 'Còn 3 ngày.', link: '/reports/X/2026-Q4' });
    expect(m.subject).toBe('[GDTX] Sắp đến hạn nộp báo cáo');
    expect(m.text.split('\n')[0]).toBe('Kính gửi Lê Văn Bình,');
    expect(m.text).toContain('Còn 3 ngày.');
    expect(m.text).toContain('Xem chi tiết trên hệ thống: /reports/X/2026-Q4');
    expect(m.text).toContain('Sở Giáo dục và Đào tạo');
    expect(notificationMail({ fullName: 'A', titleVi: 'T', bodyVi: 'B', link: null }).text).not.toContain('Xem chi tiết');
  });
});
