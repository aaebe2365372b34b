/**
 * Thresholds of the compliance rules. They are data (table compliance_rule_parameter, versioned by
 * valid_from, national defaults with per-province overrides); these are the shipped national defaults that the
 * migration inserts, and the fallback when a row is missing.
 */
export interface ComplianceParameters {
  /** Days before a licence or director recognition ends at which an alert is raised (domain §D3: 90, 30, 7). */
  licenceExpiryAlertDays: number[];
  /** Consecutive reported quarters without new learners after which a centre counts as dormant ([U]: 2). */
  dormantQuarters: number;
  /** NĐ 125/2024 Art. 45: no activity within this many days of the establishment decision. */
  activityGraceDays: number;
  /** The no-activity rule looks at centres established at most this many days ago (older records predate the system). */
  activityCheckMaxAgeDays: number;
  /** How far back report timeliness is judged (days before the evaluation date). */
  reportLookbackDays: number;
  /** A missing report becomes HIGH after this many days overdue. */
  reportMissingHighAfterDays: number;
}

export const ParameterCodes = {
  licenceExpiryAlertDays: 'LICENCE_EXPIRY_ALERT_DAYS',
  dormantQuarters: 'DORMANT_QUARTERS',
  activityGraceDays: 'ACTIVITY_GRACE_DAYS',
  activityCheckMaxAgeDays: 'ACTIVITY_CHECK_MAX_AGE_DAYS',
  reportLookbackDays: 'REPORT_LOOKBACK_DAYS',
  reportMissingHighAfterDays: 'REPORT_MISSING_HIGH_AFTER_DAYS',
} as const satisfies Record<keyof ComplianceParameters, string>;

export const DEFAULT_PARAMETERS: ComplianceParameters = {
  licenceExpiryAlertDays: [90, 30, 7],
  dormantQuarters: 2,
  activityGraceDays: 365,
  activityCheckMaxAgeDays: 730,
  reportLookbackDays: 366,
  reportMissingHighAfterDays: 30,
};

export const PARAMETER_DESCRIPTIONS_VI: Record<keyof ComplianceParameters, string> = {
  licenceExpiryAlertDays: 'Số ngày trước khi quyết định hết hiệu lực thì cảnh báo (danh sách, ví dụ [90, 30, 7])',
  dormantQuarters: 'Số quý liên tiếp không tuyển sinh thì coi là trung tâm ngừng hoạt động',
  activityGraceDays: 'Số ngày kể từ quyết định thành lập mà trung tâm phải có hoạt động (NĐ 125/2024, Điều 45)',
  activityCheckMaxAgeDays: 'Chỉ xét quy tắc "không hoạt động sau thành lập" với trung tâm thành lập trong số ngày này',
  reportLookbackDays: 'Số ngày nhìn lại khi đánh giá việc nộp báo cáo đúng hạn',
  reportMissingHighAfterDays: 'Báo cáo quá hạn quá số ngày này thì mức độ là nghiêm trọng',
};

/** Reads parameter rows (code → value) over the defaults; a malformed value is ignored rather than trusted. */
export function parametersFrom(rows: readonly { code: string; value: unknown }[]): ComplianceParameters {
  const params: ComplianceParameters = { ...DEFAULT_PARAMETERS, licenceExpiryAlertDays: [...DEFAULT_PARAMETERS.licenceExpiryAlertDays] };
  for (const [key, code] of Object.entries(ParameterCodes) as [keyof ComplianceParameters, string][]) {
    const row = rows.find((r) => r.code === code);
    if (!row) continue;
    if (key === 'licenceExpiryAlertDays') {
      const list = row.value;
      if (Array.isArray(list) && list.length && list.every((d) => Number.isInteger(d) && d > 0)) params.licenceExpiryAlertDays = [...list].sort((a, b) => b - a);
    } else if (Number.isInteger(row.value) && (row.value as number) >= 0) {
      params[key] = row.value as number;
    }
  }
  return params;
}
