// Public API of the org context: modules, the service, GraphQL DTOs and migrations. Entities stay private.
export { OrgModule, OrgApiModule } from './lib/org.module';
export { OrgService, searchText } from './lib/org.service';
export * from './lib/org.types';
export { SupervisoryArea, SupervisoryAreaService, SaveSupervisoryAreaInput, supervisoryAreaPaths } from './lib/supervisory-areas';
// Readers for the other contexts (each takes the caller's EntityManager, so its transaction and RLS apply).
export {
  centreStateCountsOn, centreStatesOn, isCentreActiveOn, isCentreLicensedOn, licenceRequirements,
  licenceStatusOfCentreOn, requiredLicenceKinds, requiresOperatingPermission, statusOfCentreOn, unitPathOf,
  provinceLineageOf,
} from './lib/org.readers';
export type { CallerTx, CentreStateOn, LicenceStateOptions } from './lib/org.readers';
export * from './lib/org.events';
export { readCentreCalendarFacts } from './lib/calendar-facts.reader';
export type { CentreCalendarFilter, CentreCalendarRecord, OrgQueryable } from './lib/calendar-facts.reader';
// Readers of org's histories as of a date (units over time, centres in operation, a centre's unit as recorded).
export { centreUnitsAsRecorded, centresInOperationOn, unitHistoryOfProvince, unitOnAsRecorded } from './lib/readers/history.reader';
export type { CentreInOperation, CentreUnitQuestion, UnitSuccessorRow, UnitVersionRow } from './lib/readers/history.reader';
// Readers of the registry as it stands (a centre's or a unit's record, names by ids, the centres of provinces).
export {
  centreIdentities, ministryCodes, centreRecordOf, centreRefOf, centreRefsOf, centreRefsOfProvinces, centresPlacedAtPeriodEnds, licenceRecordsOf, unitRefOf, unitRefsOf,
} from './lib/readers/registry.reader';
export type { CentreIdentity, MinistryCodeRow, CentrePlacedAt, CentreRecord, CentreRef, LicenceRecordRef, UnitRef } from './lib/readers/registry.reader';
// The RLS rule (rls-rule.ts): every context's policies call these org-owned functions, so the rule has one owner
// and one place. The table-ownership test lets any lib name exactly these functions of org (the one exemption).
export { RlsRule } from './lib/rls-rule';
export type { RlsPredicate } from './lib/rls-rule';
export const rlsRuleFunctions = [
  'app_sees_province', 'app_acts_for_province', 'app_sees_placed', 'app_sees_centre', 'app_unit_centre_ids',
  'app_can_see_centre', 'app_area_patterns', 'app_province_lineage', 'app_writes_province',
] as const;
// Org's SQL read model: set-returning functions other contexts may name in their SQL (status and licence status
// on a date, the rules of libs/domain centre-state.ts).
// org_supervisor_scope: what a SUPERVISOR (commune, area or ended unit) sees on a date (identity builds the scope).
// Views (migration 1733020000000, explicit columns, security_invoker): org_centre_ref (a centre's code, name, kind
// and units), org_unit_ref (a unit's name and path), org_centre_unit_span (a centre's unit over time).
export const orgSqlReadModel = [
  'org_centre_statuses_on', 'org_licence_statuses_on', 'org_supervisor_scope', 'org_centre_ref', 'org_unit_ref', 'org_centre_unit_span',
  // org_province_standing: a province's lineage and, once absorbed, its survivor (issue 12 item 4; identity's session).
  'org_province_standing',
] as const;
import { OrgCore1732000001000 } from './migrations/1732000001000-org-core';
import { CentreStateOnDate1733000300000 } from './migrations/1733000300000-centre-state-on-date';
import { CentreKeyedIndexes1733001000010 } from './migrations/1733001000010-centre-keyed-indexes';
import { TheRlsRule1733001000000 } from './migrations/1733001000000-the-rls-rule';
import { SupervisoryAreas1733004000000 } from './migrations/1733004000000-supervisory-areas';
import { JobsScopedToTheirProvince1733009000200 } from './migrations/1733009000200-jobs-scoped-to-their-province';
import { OrgReadModelViews1733020000000 } from './migrations/1733020000000-org-read-model-views';
import { ProvinceMergers1733021000000 } from './migrations/1733021000000-province-mergers';
import { ProvinceMergerOnItsDate1733024000000 } from './migrations/1733024000000-province-merger-on-its-date';
import { MinistryCodes1733028000500 } from './migrations/1733028000500-ministry-codes';
import { UnitBoundaries1733028000700 } from './migrations/1733028000700-unit-boundaries';
export const orgMigrations = [OrgCore1732000001000, CentreStateOnDate1733000300000, TheRlsRule1733001000000, CentreKeyedIndexes1733001000010, SupervisoryAreas1733004000000, JobsScopedToTheirProvince1733009000200, OrgReadModelViews1733020000000, ProvinceMergers1733021000000, ProvinceMergerOnItsDate1733024000000, MinistryCodes1733028000500, UnitBoundaries1733028000700];
export { ReorganisationService } from './lib/reorganisation.service';
export { ReorganisationResolver } from './lib/reorganisation.resolver';
export { applyReorganisationPlan, ReorganisationError } from './lib/reorganisation';
export type { ReorganisationPlan, MergePlan, ReorganisationOutcome } from './lib/reorganisation';
export { ApplyReorganisationInput, MergedCommuneInput, ReorganisationEvent, ReorganisationResult, SuccessionUnit, UnitSuccession } from './lib/reorganisation.types';
export { recordCentreStatusDecision } from './lib/centre-status-change';
export type { CentreStatusDecision, OrgQuery } from './lib/centre-status-change';
// Province mergers (issue 12 item 4; ADR 0015).
export { ProvinceMergerService, ProvinceMergerResolver } from './lib/province-merger.service';
export { recordProvinceMergerPlan, ProvinceMergerError } from './lib/province-merger';
export type { ProvinceMergerPlan, ProvinceMergerOutcome } from './lib/province-merger';
export { ProvinceMerger, ProvinceMergerResult, RecordProvinceMergerInput } from './lib/province-merger.types';

// Unit boundaries for maps (issue 15 item 3): validated and simplified on import; the demo's schematic squares.
export { seedSchematicBoundaries } from './lib/boundary.service';
export { SCHEMATIC_NOTE_VI } from './lib/boundaries';
