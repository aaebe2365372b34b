// Public API of the compliance context: rules (pure), evaluation, findings, inspections, unlicensed operators.
export { ComplianceModule, ComplianceApiModule } from './lib/compliance.module';
// One service per aggregate (issue 11 Build 8): evaluation, finding queries, inspections, unlicensed operators.
export { ComplianceEvaluationService } from './lib/compliance-evaluation.service';
export { FindingQueryService } from './lib/finding-query.service';
export { InspectionService } from './lib/inspection.service';
export { UnlicensedOperatorService } from './lib/unlicensed-operator.service';
export { evaluateCentreWith, draftFindings, findingNotification, gridTotals, loadParameters } from './lib/compliance-engine';
export type { EvaluationOutcome, NotifiableFinding } from './lib/compliance-engine';
export { evaluateProvincesWith } from './lib/seed-evaluation';
export * from './lib/rules';
export * from './lib/compliance.types';
import { ComplianceCore1732000005000 } from './migrations/1732000005000-compliance-core';
import { DropAuditPollerWatermark1733000400000 } from './migrations/1733000400000-drop-audit-poller-watermark';
import { FindingOpenDates1733000700000 } from './migrations/1733000700000-finding-open-dates';
import { CompliancePoliciesOverTheRlsRule1733001000400 } from './migrations/1733001000400-policies-over-the-rls-rule';
import { OpenFindingsView1733001000410 } from './migrations/1733001000410-open-findings-view';
import { FindingEnglishTitle1733025000100 } from './migrations/1733025000100-finding-english-title';
import { ComplianceLineageWritesNothing1733021000400 } from './migrations/1733021000400-lineage-writes-nothing';
import { LicenceExpiredCritical1733028000000 } from './migrations/1733028000000-licence-expired-critical';
export const complianceMigrations = [ComplianceCore1732000005000, DropAuditPollerWatermark1733000400000, FindingOpenDates1733000700000, CompliancePoliciesOverTheRlsRule1733001000400, OpenFindingsView1733001000410, ComplianceLineageWritesNothing1733021000400, FindingEnglishTitle1733025000100, LicenceExpiredCritical1733028000000];
// Compliance's SQL read model: views other contexts may name in their SQL (org's centre compliance filter).
export const complianceSqlReadModel = ['compliance_open_finding'] as const;
