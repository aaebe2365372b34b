/**
 * @gdtx/literacy — the literacy (xóa mù chữ, XMC) bounded context.
 */

// ============================================================================================================
// Pure rules (no NestJS, no database). Safe to import from the web app and from workers.
// ============================================================================================================
export {
  LiteracyAgeBands,
  bandLabel,
  ND20_2014,
  ND20_2014_POST_2025_REFORM,
  RECOGNITION_ND20_2014,
  RECOGNITION_ND143_2025,
  SHIPPED_LITERACY_PARAMETERS,
  parametersFor,
  validateParameters,
  toVietnamDate,
} from './lib/rules/parameters';
export type {
  LiteracyAgeBand,
  AggregationTier,
  BandRule,
  CommuneLevelRule,
  ShareThresholds,
  LiteracyParameters,
  Assumption,
  Recogniser,
  RecognitionStep,
} from './lib/rules/parameters';

export {
  LiteracyDataError,
  rateDenominator,
  literacyRate,
  meetsRate,
  validateCommuneData,
  evaluateCommune,
  evaluateDistrict,
  evaluateProvince,
  rollUp,
} from './lib/rules/recognition';
export type {
  LiteracyLevel,
  BandCounts,
  CommuneLiteracyData,
  LiteracyDataIssue,
  CommuneCriterion,
  CommuneResult,
  RecognisedUnit,
  ShareCriterion,
  AggregateResult,
  AdminUnitNode,
  RollUpResult,
} from './lib/rules/recognition';

export {
  peopleBelow,
  totalPeopleBelow,
  illiterateCount,
  mobilisationRate,
  completionRate,
  phaseCompletion,
  dttsShare,
} from './lib/rules/derived';
export type { PeopleBelow, IlliteracyBasis, PhaseActivity, PhaseCompletion } from './lib/rules/derived';

export {
  LearningSocietyTargetCodes,
  LEARNING_SOCIETY_TARGETS,
  findTarget,
  targetFor,
  progress,
} from './lib/rules/learning-society';
export type {
  LearningSocietyTargetCode,
  LearningSocietyTarget,
  ProgressStatus,
  Progress,
  ProgressOptions,
} from './lib/rules/learning-society';

export { ratioAtLeastPct, formatPct, formatThreshold } from './lib/rules/exact';
export type { Locale } from './lib/rules/exact';
// ============================================================================================================
// End of pure rules. The Nest module (resolvers, repositories) is exported below this line.
// ============================================================================================================

export { LiteracyModule, LiteracyApiModule } from './lib/literacy.module';
export { LiteracyService } from './lib/literacy.service';
export { LiteracyParametersService } from './lib/literacy-parameters.service';
export { UnitTimeline } from './lib/data/unit-timeline';
export type { TimedUnit, SuccessorLink } from './lib/data/unit-timeline';
export * from './lib/literacy.types';
import { LiteracyParameters1732000006000 } from './migrations/1732000006000-literacy-parameters';
import { LiteracyPoliciesOverTheRlsRule1733001000500 } from './migrations/1733001000500-policies-over-the-rls-rule';
import { LiteracyRecognitionChain1733011000000 } from './migrations/1733011000000-recognition-chain';
import { LiteracyAssumptionsInPlainWords1733028000100 } from './migrations/1733028000100-assumptions-in-plain-words';
export const literacyMigrations = [LiteracyParameters1732000006000, LiteracyPoliciesOverTheRlsRule1733001000500, LiteracyRecognitionChain1733011000000, LiteracyAssumptionsInPlainWords1733028000100];
