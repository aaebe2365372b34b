// Public API of the org context: modules, the service, GraphQL DTOs and migrations. Entities stay private.
export { OrgModule, OrgApiModule, OrgReadersModule } from './lib/org.module';
export { OrgService, searchText } from './lib/org.service';
export * from './lib/org.types';
export * from './lib/org.events';
export { readCentreCalendarFacts } from './lib/calendar-facts.reader';
export type { CentreCalendarFilter, CentreCalendarRecord, OrgQueryable } from './lib/calendar-facts.reader';
// Readers of org's histories for the other contexts (they take the caller's transaction).
export { centreUnitsAsRecorded, centresInOperationOn, unitHistoryOfProvince, unitOnAsRecorded } from './lib/readers/history.reader';
export type { CentreInOperation, CentreUnitQuestion, UnitSuccessorRow, UnitVersionRow } from './lib/readers/history.reader';
import { OrgCore1732000001000 } from './migrations/1732000001000-org-core';
export const orgMigrations = [OrgCore1732000001000];
