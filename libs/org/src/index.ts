// Public API of the org context: modules, the service, GraphQL DTOs and migrations. Entities stay private.
export { OrgModule, OrgApiModule } from './lib/org.module';
export { OrgService, searchText } from './lib/org.service';
export * from './lib/org.types';
// Readers for the other contexts (each takes the caller's EntityManager, so its transaction and RLS apply).
export {
  centreStateCountsOn, centreStatesOn, isCentreActiveOn, isCentreLicensedOn, licenceRequirements,
  licenceStatusOfCentreOn, requiredLicenceKinds, requiresOperatingPermission, statusOfCentreOn, unitPathOf,
} from './lib/org.readers';
export type { CallerTx, CentreStateOn, LicenceStateOptions } from './lib/org.readers';
export * from './lib/org.events';
export { readCentreCalendarFacts } from './lib/calendar-facts.reader';
export type { CentreCalendarFilter, CentreCalendarRecord, OrgQueryable } from './lib/calendar-facts.reader';
// Readers of org's histories as of a date (units over time, centres in operation, a centre's unit as recorded).
export { centreUnitsAsRecorded, centresInOperationOn, unitHistoryOfProvince, unitOnAsRecorded } from './lib/readers/history.reader';
export type { CentreInOperation, CentreUnitQuestion, UnitSuccessorRow, UnitVersionRow } from './lib/readers/history.reader';
import { OrgCore1732000001000 } from './migrations/1732000001000-org-core';
import { CentreStateOnDate1733000300000 } from './migrations/1733000300000-centre-state-on-date';
export const orgMigrations = [OrgCore1732000001000, CentreStateOnDate1733000300000];
