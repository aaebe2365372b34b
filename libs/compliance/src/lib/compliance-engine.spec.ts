import { findingNotification, gridTotals, NotifiableFinding } from './compliance-engine';

const finding: NotifiableFinding = {
  id: 'f-1', centreId: 'c-1', centreName: 'Trung tâm Ngoại ngữ Ánh Dương', ruleCode: 'LICENCE_EXPIRING', severity: 'LOW',
  titleVi: 'Quyết định công nhận giám đốc số 1/QĐ hết hiệu lực ngày 2027-01-31 (còn 70 ngày)', legalBasisVi: 'NĐ 125/2024/NĐ-CP',
  titleEn: 'Director recognition decision no. 1/QĐ expires on 31/01/2027 (70 days left)', foundOn: '2026-11-22', evidence: { alertDays: 90 },
};

describe('compliance engine helpers', () => {
  it('sums the classes_learners grid over subjects, ignoring other keys', () => {
    expect(gridTotals({
      'classes_learners.english.new_learners': 30, 'classes_learners.it.new_learners': 4, 'classes_learners.english.active_learners': 120,
      'classes_learners.english.classes': 8, teachers_total: 8, 'classes_learners.english.female': 60,
    })).toEqual({ classes: 8, newLearners: 34, activeLearners: 120 });
    expect(gridTotals({})).toEqual({ classes: 0, newLearners: 0, activeLearners: 0 });
  });

  it('licence alerts notify once per window crossed, to the directors while LOW', () => {
    const n = findingNotification('p-1', finding);
    expect(n).toMatchObject({ kind: 'LICENCE_EXPIRY', eventKey: 'finding:f-1:2026-11-22:alert90', recipients: { centreId: 'c-1', roles: ['CENTRE_DIRECTOR'] } });
    expect(findingNotification('p-1', { ...finding, evidence: { alertDays: 30 } }).eventKey).toBe('finding:f-1:2026-11-22:alert30');
    // Written for people: the finding's dates as dd/mm/yyyy, what to do, the legal basis not repeated (on demand in the web).
    expect(n.titleVi).toBe('Trung tâm Ngoại ngữ Ánh Dương: Quyết định công nhận giám đốc số 1/QĐ hết hiệu lực ngày 31/01/2027 (còn 70 ngày)');
    expect(n.bodyVi).toBe('Mức độ: Thấp; phát hiện ngày 22/11/2026. Đề nghị trung tâm chuẩn bị hồ sơ gia hạn hoặc cấp lại trước ngày hết hiệu lực.');
    expect(n.bodyVi).not.toContain('NĐ 125/2024');
    expect(n.titleEn).toBe('Trung tâm Ngoại ngữ Ánh Dương: Director recognition decision no. 1/QĐ expires on 31/01/2027 (70 days left)');
    // A finding not evaluated since English titles: the rule's name.
    expect(findingNotification('p-1', { ...finding, titleEn: null }).titleEn).toBe('Trung tâm Ngoại ngữ Ánh Dương: a decision or licence expires soon');
    expect(n.bodyEn).toBe('Severity: Low; found on 22/11/2026. The centre should prepare its renewal before the expiry date.');
  });

  it('serious findings also go to the supervising officers and the Sở specialists', () => {
    const n = findingNotification('p-1', { ...finding, ruleCode: 'DORMANT_CENTRE', severity: 'HIGH', evidence: {} });
    expect(n.kind).toBe('FINDING_OPENED');
    expect(n.eventKey).toBe('finding:f-1:2026-11-22:opened');
    expect(n.recipients.roles).toEqual(['CENTRE_DIRECTOR', 'SUPERVISOR', 'SO_SPECIALIST']);
    expect(n.bodyVi).toContain('Mức độ: Nghiêm trọng');
  });

  it('a late report and an expired licence read as different severities', () => {
    const late = findingNotification('p-1', { ...finding, ruleCode: 'REPORT_LATE', severity: 'LOW', evidence: {} });
    const expired = findingNotification('p-1', { ...finding, ruleCode: 'LICENCE_EXPIRED', severity: 'HIGH', evidence: {} });
    expect(late.bodyVi).toContain('Mức độ: Thấp');
    expect(expired.bodyVi).toContain('Mức độ: Nghiêm trọng');
    expect(late.recipients.roles).toEqual(['CENTRE_DIRECTOR']);
    expect(expired.recipients.roles).toContain('SO_SPECIALIST');
  });
});
