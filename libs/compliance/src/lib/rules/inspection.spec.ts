import { inspectionFindings, InspectionFindingFact } from './inspection';
import { complianceStatusOf } from './types';
import { parametersFrom, DEFAULT_PARAMETERS } from './parameters';

const fact: InspectionFindingFact = {
  id: 'f1', inspectionId: 'i1', inspectedOn: '2026-09-01', category: 'FOREIGN_TEACHERS', descriptionVi: 'Thiếu giấy phép lao động của 1 giáo viên',
  severity: 'MEDIUM', remediationDue: '2026-10-01', remediatedOn: null,
};

describe('inspection findings and remediation', () => {
  it('open until remediated; overdue (HIGH) the day after the deadline, not on it', () => {
    expect(inspectionFindings([fact], '2026-10-01').map((d) => d.ruleCode)).toEqual(['INSPECTION_FINDING']);
    const drafts = inspectionFindings([fact], '2026-10-02');
    expect(drafts.map((d) => [d.ruleCode, d.subjectKey, d.severity])).toEqual([['INSPECTION_FINDING', 'f1', 'MEDIUM'], ['INSPECTION_REMEDIATION_OVERDUE', 'f1', 'HIGH']]);
    expect(drafts[1].evidence).toMatchObject({ daysOverdue: 1, remediationDue: '2026-10-01' });
  });

  it('remediated: nothing; no deadline: never overdue; an inspection after asOf is not yet known', () => {
    expect(inspectionFindings([{ ...fact, remediatedOn: '2026-09-20' }], '2026-11-01')).toEqual([]);
    expect(inspectionFindings([{ ...fact, remediationDue: null }], '2027-01-01').map((d) => d.ruleCode)).toEqual(['INSPECTION_FINDING']);
    expect(inspectionFindings([fact], '2026-08-31')).toEqual([]);
  });
});

describe('compliance status and parameters', () => {
  it('HIGH or CRITICAL → NON_COMPLIANT; only LOW/MEDIUM → AT_RISK; none → COMPLIANT', () => {
    expect(complianceStatusOf([])).toBe('COMPLIANT');
    expect(complianceStatusOf(['LOW', 'MEDIUM'])).toBe('AT_RISK');
    expect(complianceStatusOf(['LOW', 'HIGH'])).toBe('NON_COMPLIANT');
  });

  it('parameter rows override the defaults; malformed values are ignored', () => {
    const p = parametersFrom([{ code: 'DORMANT_QUARTERS', value: 3 }, { code: 'LICENCE_EXPIRY_ALERT_DAYS', value: [7, 60] }, { code: 'ACTIVITY_GRACE_DAYS', value: 'x' }]);
    expect(p.dormantQuarters).toBe(3);
    expect(p.licenceExpiryAlertDays).toEqual([60, 7]);
    expect(p.activityGraceDays).toBe(DEFAULT_PARAMETERS.activityGraceDays);
  });
});
