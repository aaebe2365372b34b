import type { RuleCode, Severity } from './rules/types';

/**
 * How a finding is written for people in a notification (issue 16 item 6): what the rule found, in both
 * languages, and what to do about it. The legal basis is not repeated in every notification: the finding shows it
 * on demand ("Căn cứ pháp lý") on the centre's page, where the notification's link leads.
 */
export const FindingRuleText: Record<RuleCode, { en: string; actionVi: string; actionEn: string }> = {
  REPORT_MISSING: {
    en: 'report not submitted',
    actionVi: 'Đề nghị trung tâm hoàn thành và nộp báo cáo ngay; nếu có lý do chính đáng, đề nghị gia hạn với Sở.',
    actionEn: 'The centre should complete and submit the report now, or ask the Department for an extension if there is a good reason.',
  },
  REPORT_LATE: {
    en: 'report submitted late',
    actionVi: 'Báo cáo đã nộp nhưng muộn hạn; đề nghị trung tâm nộp đúng hạn các kỳ sau.',
    actionEn: 'The report was submitted after its due date; the centre should submit the next ones on time.',
  },
  LICENCE_MISSING: {
    en: 'a required decision or licence is missing',
    actionVi: 'Đề nghị trung tâm bổ sung quyết định còn hiệu lực và cập nhật vào hồ sơ trung tâm.',
    actionEn: 'The centre should obtain the decision and record it on the centre\'s file.',
  },
  LICENCE_EXPIRED: {
    en: 'a decision or licence has expired',
    actionVi: 'Trung tâm đang hoạt động khi quyết định đã hết hiệu lực: đề nghị làm thủ tục cấp lại ngay và cập nhật hồ sơ.',
    actionEn: 'The centre is operating on an expired decision: it should apply for its renewal at once and update its file.',
  },
  LICENCE_EXPIRING: {
    en: 'a decision or licence expires soon',
    actionVi: 'Đề nghị trung tâm chuẩn bị hồ sơ gia hạn hoặc cấp lại trước ngày hết hiệu lực.',
    actionEn: 'The centre should prepare its renewal before the expiry date.',
  },
  DORMANT_CENTRE: {
    en: 'the centre shows no enrolment',
    actionVi: 'Đề nghị rà soát tình trạng hoạt động của trung tâm; nếu trung tâm ngừng hoạt động, cập nhật trạng thái trên hệ thống.',
    actionEn: 'Review whether the centre still operates; if it has stopped, record its status in the system.',
  },
  NO_ACTIVITY_AFTER_ESTABLISHMENT: {
    en: 'no activity since establishment',
    actionVi: 'Đề nghị rà soát việc triển khai hoạt động sau khi thành lập; đây là căn cứ xem xét đình chỉ hoạt động.',
    actionEn: 'Review why the centre has not started operating; this is a ground for suspending it.',
  },
  FOREIGN_TEACHER_DOSSIER_INCOMPLETE: {
    en: 'foreign teachers\' dossiers are incomplete',
    actionVi: 'Đề nghị trung tâm bổ sung hồ sơ giáo viên người nước ngoài (văn bằng, chứng chỉ, giấy phép lao động, thị thực).',
    actionEn: 'The centre should complete its foreign teachers\' dossiers (degrees, certificates, work permits, visas).',
  },
  FOREIGN_TEACHER_UNQUALIFIED: {
    en: 'foreign teachers do not meet the standard',
    actionVi: 'Đề nghị trung tâm chỉ bố trí giáo viên đạt chuẩn và báo cáo phương án khắc phục.',
    actionEn: 'The centre should assign only qualified teachers and report how it will remedy this.',
  },
  INSPECTION_FINDING: {
    en: 'inspection finding',
    actionVi: 'Đề nghị trung tâm khắc phục các tồn tại theo kết luận kiểm tra và báo cáo kết quả.',
    actionEn: 'The centre should remedy the issues found by the inspection and report back.',
  },
  INSPECTION_REMEDIATION_OVERDUE: {
    en: 'remediation after inspection is overdue',
    actionVi: 'Đã quá thời hạn khắc phục sau kiểm tra: đề nghị trung tâm hoàn thành khắc phục và báo cáo ngay.',
    actionEn: 'The remediation deadline after the inspection has passed: the centre should finish it and report now.',
  },
};

export const SeverityLabel: Record<Severity, { vi: string; en: string }> = {
  LOW: { vi: 'Thấp', en: 'Low' },
  MEDIUM: { vi: 'Trung bình', en: 'Medium' },
  HIGH: { vi: 'Nghiêm trọng', en: 'High' },
  CRITICAL: { vi: 'Đặc biệt nghiêm trọng', en: 'Critical' },
};
