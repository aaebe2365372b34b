/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment FindingRowFields on Finding {\n    id centreId centreCode centreName ruleCode subjectKey severity status titleVi titleEn legalBasisVi evidence foundOn resolvedOn resolution resolutionNote\n  }\n": typeof types.FindingRowFieldsFragmentDoc,
    "\n  query Findings($filter: FindingFilter, $first: Int, $after: String) {\n    findings(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...FindingRowFields }\n    }\n  }\n": typeof types.FindingsDocument,
    "\n  mutation ResolveFinding($id: ID!, $note: String!) {\n    resolveFinding(id: $id, note: $note) { ...FindingRowFields }\n  }\n": typeof types.ResolveFindingDocument,
    "\n  fragment InspectionFields on Inspection {\n    id centreId inspectedOn kind decisionRef inspectorName conclusionVi\n    findings { id category descriptionVi severity remediationDue remediatedOn remediationNote }\n  }\n": typeof types.InspectionFieldsFragmentDoc,
    "\n  query CentreInspections($centreId: ID!) {\n    inspections(centreId: $centreId) { ...InspectionFields }\n  }\n": typeof types.CentreInspectionsDocument,
    "\n  mutation RecordInspection($input: RecordInspectionInput!) {\n    recordInspection(input: $input) { ...InspectionFields }\n  }\n": typeof types.RecordInspectionDocument,
    "\n  mutation RecordInspectionFinding($inspectionId: ID!, $input: InspectionFindingInput!) {\n    recordInspectionFinding(inspectionId: $inspectionId, input: $input) { ...InspectionFields }\n  }\n": typeof types.RecordInspectionFindingDocument,
    "\n  fragment UnlicensedCaseFields on UnlicensedOperatorCase {\n    id unitId unitName operatorName address activityVi foundOn status statusNote fineVnd closedOn daysOpen legalBasisVi reportedByName version\n  }\n": typeof types.UnlicensedCaseFieldsFragmentDoc,
    "\n  query UnlicensedCases($status: UnlicensedCaseStatus, $unitId: ID, $first: Int, $after: String) {\n    unlicensedOperatorCases(status: $status, unitId: $unitId, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...UnlicensedCaseFields }\n    }\n  }\n": typeof types.UnlicensedCasesDocument,
    "\n  mutation ReportUnlicensedOperator($input: ReportUnlicensedOperatorInput!) {\n    reportUnlicensedOperator(input: $input) { ...UnlicensedCaseFields }\n  }\n": typeof types.ReportUnlicensedOperatorDocument,
    "\n  mutation UpdateUnlicensedOperatorCase($input: UpdateUnlicensedOperatorCaseInput!) {\n    updateUnlicensedOperatorCase(input: $input) { ...UnlicensedCaseFields }\n  }\n": typeof types.UpdateUnlicensedOperatorCaseDocument,
    "\n  query ComplianceCentreName($id: ID!) { centre(id: $id) { id code name } }\n": typeof types.ComplianceCentreNameDocument,
    "\n  fragment IndicatorDefinitionFields on IndicatorDefinitionDto {\n    id code provinceId version nameVi nameEn unit templateCodes descriptionVi numerator denominator factor aggregation\n    versions { version provinceId nameVi numerator denominator factor aggregation unit templateCodes createdAt }\n  }\n": typeof types.IndicatorDefinitionFieldsFragmentDoc,
    "\n  query IndicatorDefinitions { indicatorDefinitions { ...IndicatorDefinitionFields } }\n": typeof types.IndicatorDefinitionsDocument,
    "\n  query IndicatorTemplates { reportTemplates { code nameVi periodType } }\n": typeof types.IndicatorTemplatesDocument,
    "\n  query PreviewIndicatorDefinition($input: SaveIndicatorDefinitionInput!, $periodCode: String!) {\n    previewIndicatorDefinition(input: $input, periodCode: $periodCode) {\n      total { value numerator denominator centreCount coverage { reporting expected } }\n      byCentre { centreId centreName value numerator denominator coverage { reporting expected } }\n    }\n  }\n": typeof types.PreviewIndicatorDefinitionDocument,
    "\n  mutation SaveIndicatorDefinition($input: SaveIndicatorDefinitionInput!) {\n    saveIndicatorDefinition(input: $input) { ...IndicatorDefinitionFields }\n  }\n": typeof types.SaveIndicatorDefinitionDocument,
    "\n  query BackgroundJobs($filter: BackgroundJobFilter) {\n    backgroundJobs(filter: $filter) {\n      jobId name state progress attemptsMade maxAttempts failedReasonVi failedReasonEn centreId queuedAt finishedAt canRetry\n    }\n  }\n": typeof types.BackgroundJobsDocument,
    "\n  mutation RetryBackgroundJob($jobId: ID!) {\n    retryBackgroundJob(jobId: $jobId) { jobId state attemptsMade canRetry failedReasonVi }\n  }\n": typeof types.RetryBackgroundJobDocument,
    "\n  query LiteracyStatus($unitId: ID!, $year: Int!, $asOf: Date) {\n    literacyStatus(unitId: $unitId, year: $year, asOf: $asOf) {\n      unitId\n      unitName\n      unitLevel\n      year\n      periodCode\n      asOf\n      paramsVersion\n      aggregationTier\n      ruleDate\n      judgedAsUnit\n      recognisedBy { level byVi byEn }\n      recognitionChain { tier recognisedBy { level byVi byEn } }\n      level\n      dbkk\n      dbkkSource\n      reasons\n      reasonsEn\n      communes\n      communesWithData\n      reports\n      computedAt\n      dataAcceptedUntil\n      criteria { level met thresholdPct valuePct band basis numerator denominator }\n      rates { band population literateL1 literateL2 rateL1Pct rateL2Pct communes }\n      indicators {\n        belowL1\n        belowL2\n        illiterate15to60\n        learnersPhase1\n        learnersPhase2\n        newlyLiterate\n        mobilisationRatePct\n        completionPct\n        dttsPopulationSharePct\n      }\n      children {\n        unitId\n        name\n        unitLevel\n        level\n        hasData\n        dbkk\n        reasons\n        reasonsEn\n        communes\n        communesWithData\n        criteria { level met thresholdPct valuePct band basis numerator denominator }\n        rates { band population literateL1 literateL2 rateL1Pct rateL2Pct communes }\n      }\n      unmappedData { centreId unitId reason }\n    }\n  }\n": typeof types.LiteracyStatusDocument,
    "\n  query LiteracyYears($unitId: ID!, $y0: Int!, $y1: Int!, $y2: Int!, $y3: Int!, $y4: Int!, $y5: Int!) {\n    y0: literacyStatus(unitId: $unitId, year: $y0) { year communesWithData }\n    y1: literacyStatus(unitId: $unitId, year: $y1) { year communesWithData }\n    y2: literacyStatus(unitId: $unitId, year: $y2) { year communesWithData }\n    y3: literacyStatus(unitId: $unitId, year: $y3) { year communesWithData }\n    y4: literacyStatus(unitId: $unitId, year: $y4) { year communesWithData }\n    y5: literacyStatus(unitId: $unitId, year: $y5) { year communesWithData }\n  }\n": typeof types.LiteracyYearsDocument,
    "\n  query LearningSocietyProgress($unitId: ID!, $year: Int!, $asOf: Date) {\n    learningSocietyProgress(unitId: $unitId, year: $year, asOf: $asOf) {\n      unitId\n      unitName\n      year\n      asOf\n      computedAt\n      periodCodes\n      reportingCentres\n      indicators { code nameVi nameEn model recognised eligible ratePct targetPct targetYear gapPct status legalBasis }\n    }\n  }\n": typeof types.LearningSocietyProgressDocument,
    "\n  query LiteracyUnits($asOf: Date) {\n    administrativeUnits(asOf: $asOf) { id name level parentId }\n  }\n": typeof types.LiteracyUnitsDocument,
    "\n  fragment OutlierScoreFields on OutlierScoreDto { score median n method outlier }\n": typeof types.OutlierScoreFieldsFragmentDoc,
    "\n  query ValueChecks($submissionId: ID!) {\n    valueChecks(submissionId: $submissionId) {\n      valueKey labelVi labelEn value outlier peersPeriodCode\n      history { ...OutlierScoreFields }\n      peers { ...OutlierScoreFields }\n    }\n  }\n": typeof types.ValueChecksDocument,
    "\n  query DataQualityOutliers($periodCode: String!, $templateCode: String!) {\n    dataQualityOutliers(periodCode: $periodCode, templateCode: $templateCode) {\n      submissionId centreId centreCode centreName centreType valueKey labelVi labelEn value openFlagId\n      history { ...OutlierScoreFields }\n      peers { ...OutlierScoreFields }\n    }\n  }\n": typeof types.DataQualityOutliersDocument,
    "\n  query DataQualityFlags($status: String) {\n    dataQualityFlags(status: $status) { id submissionId centreId centreName templateCode periodCode valueKey labelVi labelEn value note status flaggedAt resolution resolvedAt }\n  }\n": typeof types.DataQualityFlagsDocument,
    "\n  query LikelyDuplicateCentres { likelyDuplicateCentres { firstId firstCode firstName secondId secondCode secondName reason } }\n": typeof types.LikelyDuplicateCentresDocument,
    "\n  mutation FlagValue($input: FlagValueInput!) { flagValue(input: $input) { id status } }\n": typeof types.FlagValueDocument,
    "\n  mutation ResolveDataQualityFlag($id: ID!, $resolution: String!) { resolveDataQualityFlag(id: $id, resolution: $resolution) { id status resolution resolvedAt } }\n": typeof types.ResolveDataQualityFlagDocument,
    "\n  query MinistryLayouts { ministryLayouts { code version system nameVi nameEn official noteVi templateCode rowsPer } }\n": typeof types.MinistryLayoutsDocument,
    "\n  query MinistryCodes($kind: String!) { ministryCodes(kind: $kind) { id code name ministryCode } }\n": typeof types.MinistryCodesDocument,
    "\n  mutation SetMinistryCode($input: SetMinistryCodeInput!) { setMinistryCode(input: $input) { id ministryCode } }\n": typeof types.SetMinistryCodeDocument,
    "\n  query UnitBoundaries { unitBoundaries { geojson schematic noteVi units missing } }\n": typeof types.UnitBoundariesDocument,
    "\n  query DocumentSettings {\n    documentSettings { governingBody issuingBody symbol place signerAuthority signerTitle signerName recipients isDefault version updatedAt }\n  }\n": typeof types.DocumentSettingsDocument,
    "\n  mutation SaveDocumentSettings($input: DocumentSettingsInput!) {\n    saveDocumentSettings(input: $input) { governingBody issuingBody symbol place signerAuthority signerTitle signerName recipients isDefault version updatedAt }\n  }\n": typeof types.SaveDocumentSettingsDocument,
    "\n  query MyReportSubscriptions { myReportSubscriptions { id frequency active lastDeliveryPeriod lastDeliveryStatus lastSentAt } }\n": typeof types.MyReportSubscriptionsDocument,
    "\n  mutation SetReportSubscription($frequency: ReportFrequency!, $active: Boolean!) {\n    setReportSubscription(frequency: $frequency, active: $active) { id frequency active lastDeliveryPeriod lastDeliveryStatus lastSentAt }\n  }\n": typeof types.SetReportSubscriptionDocument,
    "\n  fragment LiteracyParameterSetFields on LiteracyParameterSetDto {\n    version\n    source\n    validFrom\n    validTo\n    legalBasis\n    definitionJson\n  }\n": typeof types.LiteracyParameterSetFieldsFragmentDoc,
    "\n  query LiteracyParameterSets {\n    literacyParameterSets { ...LiteracyParameterSetFields }\n  }\n": typeof types.LiteracyParameterSetsDocument,
    "\n  mutation SetLiteracyParameters($input: SetLiteracyParametersInput!) {\n    setLiteracyParameters(input: $input) { ...LiteracyParameterSetFields }\n  }\n": typeof types.SetLiteracyParametersDocument,
    "\n  fragment LearningSocietyTargetFields on LearningSocietyTargetDto { code year targetPct nameVi nameEn legalBasis source }\n": typeof types.LearningSocietyTargetFieldsFragmentDoc,
    "\n  fragment CommuneDbkkFields on CommuneDbkkDto { unitId validFrom validTo decisionRef }\n": typeof types.CommuneDbkkFieldsFragmentDoc,
    "\n  query LearningSocietyTargets {\n    learningSocietyTargets { ...LearningSocietyTargetFields }\n  }\n": typeof types.LearningSocietyTargetsDocument,
    "\n  mutation SetLearningSocietyTarget($input: SetLearningSocietyTargetInput!) {\n    setLearningSocietyTarget(input: $input) { ...LearningSocietyTargetFields }\n  }\n": typeof types.SetLearningSocietyTargetDocument,
    "\n  query CommuneDbkk {\n    communeDbkk { ...CommuneDbkkFields }\n  }\n": typeof types.CommuneDbkkDocument,
    "\n  mutation SetCommuneDbkk($input: SetCommuneDbkkInput!) {\n    setCommuneDbkk(input: $input) { ...CommuneDbkkFields }\n  }\n": typeof types.SetCommuneDbkkDocument,
    "\n  query SettingsUnits {\n    administrativeUnits { id name level parentId }\n  }\n": typeof types.SettingsUnitsDocument,
    "\n  fragment VisualizerValueFields on IndicatorValue {\n    code nameVi nameEn unit value numerator denominator periodCode unitId unitName areaId areaName centreType ownership centreCount\n    coverage { reporting expected }\n  }\n": typeof types.VisualizerValueFieldsFragmentDoc,
    "\n  query VisualizerIndicators { indicatorDefinitions { code nameVi nameEn unit templateCodes } }\n": typeof types.VisualizerIndicatorsDocument,
    "\n  query VisualizerValues($cells: IndicatorQuery!, $rowTotals: IndicatorQuery!, $columnTotals: IndicatorQuery!, $grandTotals: IndicatorQuery!, $byDimension: Boolean!) {\n    cells: indicatorValues(query: $cells) { ...VisualizerValueFields }\n    rowTotals: indicatorValues(query: $rowTotals) { ...VisualizerValueFields }\n    columnTotals: indicatorValues(query: $columnTotals) @include(if: $byDimension) { ...VisualizerValueFields }\n    grandTotals: indicatorValues(query: $grandTotals) @include(if: $byDimension) { ...VisualizerValueFields }\n  }\n": typeof types.VisualizerValuesDocument,
    "\n  fragment VisualizationFavouriteFields on VisualizationFavourite {\n    id name createdAt updatedAt definition { indicatorCodes dimension relativePeriod centreType layout }\n  }\n": typeof types.VisualizationFavouriteFieldsFragmentDoc,
    "\n  query MyVisualizations { myVisualizations { ...VisualizationFavouriteFields } }\n": typeof types.MyVisualizationsDocument,
    "\n  mutation SaveVisualization($input: SaveVisualizationInput!) { saveVisualization(input: $input) { ...VisualizationFavouriteFields } }\n": typeof types.SaveVisualizationDocument,
    "\n  mutation DeleteVisualization($id: ID!) { deleteVisualization(id: $id) }\n": typeof types.DeleteVisualizationDocument,
    "\n  query VisualizerCellCentres($query: IndicatorQuery!) {\n    indicatorValues(query: $query) {\n      code value numerator denominator periodCode unitId unitName areaId areaName centreType ownership centreId centreName centreCount\n      coverage { reporting expected } computedAt\n    }\n  }\n": typeof types.VisualizerCellCentresDocument,
    "\n  query UnitsAsOf($asOf: Date) {\n    administrativeUnits(asOf: $asOf) { id code name level parentId validFrom validTo predecessorIds successorIds centreCount }\n  }\n": typeof types.UnitsAsOfDocument,
    "\n  query ProvinceMergers {\n    provinceMergers { id survivorProvinceId survivorName absorbedProvinceId absorbedName effectiveDate legalBasis centresMoved }\n  }\n": typeof types.ProvinceMergersDocument,
    "\n  query Reorganisations {\n    reorganisations {\n      id code name effectiveDate legalBasis\n      successions { successor { id code name level validFrom } predecessors { id code name level validFrom validTo } }\n    }\n  }\n": typeof types.ReorganisationsDocument,
    "\n  mutation CreateCentre($input: CreateCentreInput!) { createCentre(input: $input) { id code name } }\n": typeof types.CreateCentreDocument,
    "\n  mutation UpdateCentre($input: UpdateCentreInput!) { updateCentre(input: $input) { ...CentreDetailFields } }\n": typeof types.UpdateCentreDocument,
    "\n  mutation ChangeCentreStatus($input: ChangeCentreStatusInput!) { changeCentreStatus(input: $input) { ...CentreDetailFields } }\n": typeof types.ChangeCentreStatusDocument,
    "\n  mutation RecordLicence($input: RecordLicenceInput!) { recordLicence(input: $input) { ...LicenceRecordFields } }\n": typeof types.RecordLicenceDocument,
    "\n  fragment IndicatorValueFields on IndicatorValue {\n    code nameVi nameEn unit value numerator denominator centreCount computedAt periodCode\n  }\n": typeof types.IndicatorValueFieldsFragmentDoc,
    "\n  query ProvinceOverview($periodCode: String!) {\n    provinceOverview(periodCode: $periodCode) {\n      periodCode computedAt\n      submissionsByStatus { key count }\n      indicators { change previousPeriodCode current { ...IndicatorValueFields } previous { ...IndicatorValueFields } }\n    }\n  }\n": typeof types.ProvinceOverviewDocument,
    "\n  query ComplianceOverview {\n    complianceOverview {\n      asOf centreCount\n      byStatus { status centres }\n      worstCentres { centreId centreCode centreName status openFindings highFindings }\n    }\n  }\n": typeof types.ComplianceOverviewDocument,
    "\n  fragment CentreComplianceFields on CentreCompliance {\n    asOf status openFindingCount\n    openFindings { id ruleCode titleVi titleEn legalBasisVi severity status foundOn }\n  }\n": typeof types.CentreComplianceFieldsFragmentDoc,
    "\n  query CentreCompliance($centreId: ID!) { centreCompliance(centreId: $centreId) { ...CentreComplianceFields } }\n": typeof types.CentreComplianceDocument,
    "\n  query Notifications($first: Int) {\n    notifications(first: $first) { totalCount nodes { id kind titleVi bodyVi titleEn bodyEn link readAt createdAt } }\n  }\n": typeof types.NotificationsDocument,
    "\n  query ReportingRates($templateCode: String!, $periodFrom: String!, $periodTo: String, $groupBy: [IndicatorGroupBy!], $asOf: Date) {\n    reportingRates(templateCode: $templateCode, periodFrom: $periodFrom, periodTo: $periodTo, groupBy: $groupBy, asOf: $asOf) {\n      unitId unitName areaId areaName periodCode expected notDue submitted onTime late returned missing accepted submittedRate onTimeRate computedAt\n    }\n  }\n": typeof types.ReportingRatesDocument,
    "\n  query GroupedIndicatorValues($query: IndicatorQuery!) {\n    indicatorValues(query: $query) {\n      code nameVi nameEn unit value centreCount unitId unitName areaId areaName centreType coverage { reporting expected }\n    }\n  }\n": typeof types.GroupedIndicatorValuesDocument,
    "\n  query ComplianceGroups($groupBy: ComplianceGroupBy) {\n    complianceOverview(groupBy: $groupBy) {\n      asOf centreCount\n      groups { unitId areaId centreType name centreCount compliant atRisk nonCompliant openFindings highFindings }\n    }\n  }\n": typeof types.ComplianceGroupsDocument,
    "\n  fragment AttentionUnitFields on AttentionUnit {\n    kind id name centreCount expected notDue onTime late missing returned submitted waitingReview onTimeRate submittedRate missingOrLate reviewPath\n  }\n": typeof types.AttentionUnitFieldsFragmentDoc,
    "\n  query ProvinceLanding {\n    reportingAtAGlance { ...ReportingGlanceFields needsAction(first: 20) { ...GlanceItemFields } }\n    centreCounts { asOf total byType { key count } byStatus { key count } byLicenceStatus { key count } }\n    areasNeedingAttention(first: 5) { asOf areas { ...AttentionUnitFields } communes { ...AttentionUnitFields } }\n    landingResults {\n      asOf\n      results {\n        code nameVi nameEn unit periodCode previousPeriodCode fromRollups\n        current { value centreCount coverage { reporting expected } computedAt }\n        likeForLike { centres value previousValue change computedAt }\n        trend { periodCode value coverage { reporting expected } }\n      }\n    }\n  }\n": typeof types.ProvinceLandingDocument,
    "\n  query NotificationList($first: Int, $after: String, $unreadOnly: Boolean) {\n    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n      totalCount\n      pageInfo { endCursor hasNextPage }\n      nodes { id kind titleVi bodyVi titleEn bodyEn link readAt createdAt }\n    }\n    unreadNotificationCount\n  }\n": typeof types.NotificationListDocument,
    "\n  query UnreadNotificationCount { unreadNotificationCount }\n": typeof types.UnreadNotificationCountDocument,
    "\n  mutation MarkAllNotificationsRead { markAllNotificationsRead }\n": typeof types.MarkAllNotificationsReadDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query HeatmapCell($templateCode: String!, $periodCode: String!, $unitId: ID!) {\n    reportingRates(templateCode: $templateCode, periodFrom: $periodCode, periodTo: $periodCode, unitId: $unitId, groupBy: [CENTRE]) {\n      centreId expected notDue submitted onTime late returned missing accepted\n    }\n    submissions(filter: { templateCode: $templateCode, periodId: $periodCode, unitId: $unitId }, first: 200) {\n      nodes { id centreId status submittedAt dueDate }\n    }\n    centres(filter: { unitId: $unitId }, first: 200) {\n      nodes { id code name }\n    }\n  }\n": typeof types.HeatmapCellDocument,
    "\n  fragment UserFields on UserInfo { id username fullName role permissions scope scopeName scopeEndedOn areaId centreId unitId provinceId email active language }\n": typeof types.UserFieldsFragmentDoc,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { accessToken refreshToken expiresIn totpEnrolmentRequired user { ...UserFields } }\n  }\n": typeof types.LoginDocument,
    "\n  query Me { me { ...UserFields } myTotp { enabled requiredByProvince } unreadNotificationCount }\n": typeof types.MeDocument,
    "\n  fragment AdministrativeUnitFields on AdministrativeUnit { id code name level parentId }\n": typeof types.AdministrativeUnitFieldsFragmentDoc,
    "\n  query AdministrativeUnits($parentId: ID) { administrativeUnits(parentId: $parentId) { ...AdministrativeUnitFields } }\n": typeof types.AdministrativeUnitsDocument,
    "\n  fragment CentreSummaryFields on Centre { id code name type status licenceStatus ownership address adminUnit { id name } }\n": typeof types.CentreSummaryFieldsFragmentDoc,
    "\n  query Centres($filter: CentreFilter, $first: Int, $after: String) {\n    centres(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { endCursor hasNextPage }\n      nodes { ...CentreSummaryFields }\n    }\n  }\n": typeof types.CentresDocument,
    "\n  fragment LicenceRecordFields on LicenceRecord { id kind decisionNumber decidedOn issuer holderName state validFrom validTo note }\n": typeof types.LicenceRecordFieldsFragmentDoc,
    "\n  fragment CentreDetailFields on Centre {\n    ...CentreSummaryFields\n    email phone establishedOn statusSince supervisingUnitId version\n    licences { ...LicenceRecordFields }\n    statusHistory { status validFrom validTo reason decisionRef }\n  }\n": typeof types.CentreDetailFieldsFragmentDoc,
    "\n  query Centre($id: ID!) { centre(id: $id) { ...CentreDetailFields } }\n": typeof types.CentreDocument,
    "\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { ...UserFields } }\n  }\n": typeof types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { ...UserFields } }\n": typeof types.CreateUserDocument,
    "\n  mutation UpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { ...UserFields } }\n": typeof types.UpdateUserDocument,
    "\n  mutation MoveUserFromMergedProvince($userId: ID!) { moveUserFromMergedProvince(userId: $userId) { ...UserFields } }\n": typeof types.MoveUserFromMergedProvinceDocument,
    "\n  mutation AssignRole($input: AssignRoleInput!) { assignRole(input: $input) { ...UserFields } }\n": typeof types.AssignRoleDocument,
    "\n  query SupervisoryAreasOn($asOf: Date) {\n    supervisoryAreas(asOf: $asOf) { id code name units { id } }\n  }\n": typeof types.SupervisoryAreasOnDocument,
    "\n  mutation SetMyLanguage($language: String!) { setMyLanguage(language: $language) { id language } }\n": typeof types.SetMyLanguageDocument,
    "\n  fragment DueReportFields on DueReport {\n    centreId templateCode templateVersion templateNameVi templateNameEn periodCode periodType periodLabelVi periodLabelEn\n    dueDate extended status daysLeft submissionId submissionVersion\n  }\n": typeof types.DueReportFieldsFragmentDoc,
    "\n  query DueReports($centreId: ID!) { dueReports(centreId: $centreId) { ...DueReportFields } }\n": typeof types.DueReportsDocument,
    "\n  query CentreHome($centreId: ID!) {\n    dueReports(centreId: $centreId) { ...DueReportFields calendarStatus daysLate }\n    centre(id: $centreId) { ...CentreDetailFields }\n    centreCompliance(centreId: $centreId) { ...CentreComplianceFields }\n  }\n": typeof types.CentreHomeDocument,
    "\n  fragment ReportingGlanceFields on ReportingAtAGlance {\n    asOf centreCount needsActionCount computedAt\n    totals { expected notDue onTime late returned missing submitted waitingReview submittedRate onTimeRate }\n    periods {\n      templateCode templateNameVi templateNameEn periodCode periodLabelVi periodLabelEn dueDate\n      expected notDue onTime late returned missing submitted waitingReview submittedRate onTimeRate\n    }\n  }\n": typeof types.ReportingGlanceFieldsFragmentDoc,
    "\n  fragment GlanceItemFields on GlanceItem {\n    centreId centreName templateCode templateNameVi templateNameEn periodCode periodLabelVi periodLabelEn dueDate\n    reportClass days waitingReview submissionId submissionStatus\n  }\n": typeof types.GlanceItemFieldsFragmentDoc,
    "\n  query AreaAtAGlance { reportingAtAGlance { ...ReportingGlanceFields needsAction(first: 100) { ...GlanceItemFields } } }\n": typeof types.AreaAtAGlanceDocument,
    "\n  query ReportTemplate($code: String!, $version: Int) {\n    reportTemplate(code: $code, version: $version) { code version nameVi nameEn definition }\n  }\n": typeof types.ReportTemplateDocument,
    "\n  fragment ValidationIssueFields on ValidationIssueDto { ruleCode severity fields messageVi messageEn explainable }\n": typeof types.ValidationIssueFieldsFragmentDoc,
    "\n  fragment SubmissionSummaryFields on Submission {\n    id centreId centreCode centreName templateCode templateVersion periodCode periodLabelVi status version dueDate submittedAt\n    acceptedAt updatedAt canReview\n    lateness { nextDeadline daysLateIfSubmittedToday lastSubmissionDaysLate lastSubmissionLateReason }\n  }\n": typeof types.SubmissionSummaryFieldsFragmentDoc,
    "\n  fragment SubmissionDetailFields on Submission {\n    ...SubmissionSummaryFields\n    values explanations\n    issues { ...ValidationIssueFields }\n    events { id action fromStatus toStatus submissionVersion actorName comment fieldComments { field comment } at }\n    versions { number templateVersion values submittedAt }\n  }\n": typeof types.SubmissionDetailFieldsFragmentDoc,
    "\n  query Submission($id: ID!) { submission(id: $id) { ...SubmissionDetailFields } }\n": typeof types.SubmissionDocument,
    "\n  query Submissions($filter: SubmissionFilter, $first: Int, $after: String, $withChecks: Boolean = false) {\n    submissions(filter: $filter, first: $first, after: $after) {\n      totalCount pageInfo { endCursor hasNextPage }\n      nodes { ...SubmissionSummaryFields checks @include(if: $withChecks) { errors warnings unexplainedWarnings } }\n    }\n  }\n": typeof types.SubmissionsDocument,
    "\n  mutation SaveSubmissionDraft($input: SaveSubmissionDraftInput!) {\n    saveSubmissionDraft(input: $input) {\n      changed\n      issues { ...ValidationIssueFields }\n      submission { ...SubmissionDetailFields }\n    }\n  }\n": typeof types.SaveSubmissionDraftDocument,
    "\n  mutation SubmitSubmission($id: ID!, $expectedVersion: Int!, $lateReason: String) {\n    submitSubmission(id: $id, expectedVersion: $expectedVersion, lateReason: $lateReason) { ...SubmissionDetailFields }\n  }\n": typeof types.SubmitSubmissionDocument,
    "\n  mutation ReturnSubmission($id: ID!, $expectedVersion: Int!, $comment: String!, $fieldComments: [FieldCommentInput!], $resubmitBy: String) {\n    returnSubmission(id: $id, expectedVersion: $expectedVersion, comment: $comment, fieldComments: $fieldComments, resubmitBy: $resubmitBy) {\n      ...SubmissionDetailFields\n    }\n  }\n": typeof types.ReturnSubmissionDocument,
    "\n  mutation AcceptSubmission($id: ID!, $expectedVersion: Int!) {\n    acceptSubmission(id: $id, expectedVersion: $expectedVersion) { ...SubmissionDetailFields }\n  }\n": typeof types.AcceptSubmissionDocument,
    "\n  mutation AcceptSubmissions($items: [AcceptSubmissionItem!]!) {\n    acceptSubmissions(items: $items) {\n      accepted { id status version }\n      refused { id code reason messageVi messageEn }\n    }\n  }\n": typeof types.AcceptSubmissionsDocument,
    "\n  query MyTotp { myTotp { enabled pending requiredByProvince } }\n": typeof types.MyTotpDocument,
    "\n  mutation StartTotpEnrolment { startTotpEnrolment { secret otpauthUri qrSvg } }\n": typeof types.StartTotpEnrolmentDocument,
    "\n  mutation ConfirmTotpEnrolment($code: String!) { confirmTotpEnrolment(input: { code: $code }) { enabled pending requiredByProvince } }\n": typeof types.ConfirmTotpEnrolmentDocument,
    "\n  mutation DisableTotp($code: String!) { disableTotp(input: { code: $code }) { enabled pending requiredByProvince } }\n": typeof types.DisableTotpDocument,
    "\n  query ProvinceSecurity { provinceSecurity { totpRequiredForAdmins } }\n": typeof types.ProvinceSecurityDocument,
    "\n  mutation SetTotpRequiredForAdmins($required: Boolean!) { setTotpRequiredForAdmins(required: $required) { totpRequiredForAdmins } }\n": typeof types.SetTotpRequiredForAdminsDocument,
    "\n  query SecurityEvents($first: Int, $before: ID) {\n    securityEvents(first: $first, before: $before) { id at action username actorName address role failures }\n  }\n": typeof types.SecurityEventsDocument,
    "\n  mutation ResetUserTotp($userId: ID!) { resetUserTotp(userId: $userId) }\n": typeof types.ResetUserTotpDocument,
    "\n  fragment TemplateSummaryFields on ReportTemplate { code version nameVi nameEn centreTypes periodType national publishedAt definition }\n": typeof types.TemplateSummaryFieldsFragmentDoc,
    "\n  query ReportTemplates($centreType: CentreType) { reportTemplates(centreType: $centreType) { ...TemplateSummaryFields } }\n": typeof types.ReportTemplatesDocument,
    "\n  query TemplateDetail($code: String!, $version: Int) { reportTemplate(code: $code, version: $version) { ...TemplateSummaryFields } }\n": typeof types.TemplateDetailDocument,
    "\n  query TemplateVersions($code: String!) { reportTemplateVersions(code: $code) { code version nameVi national publishedAt } }\n": typeof types.TemplateVersionsDocument,
    "\n  mutation PublishReportTemplate($definition: JSON!) { publishReportTemplate(definition: $definition) { ...TemplateSummaryFields } }\n": typeof types.PublishReportTemplateDocument,
    "\n  mutation GrantExtension($input: GrantExtensionInput!) {\n    grantExtension(input: $input) { id centreId templateCode periodCode dueDate reason grantedAt grantedBy }\n  }\n": typeof types.GrantExtensionDocument,
    "\n  query CentreDeadlines($centreId: ID!) {\n    dueReports(centreId: $centreId) {\n      centreId templateCode templateNameVi templateNameEn periodCode periodLabelVi periodLabelEn periodEnd\n      dueDate regularDueDate extended status daysLeft\n    }\n  }\n": typeof types.CentreDeadlinesDocument,
    "\n  query CentreOptions($search: String, $first: Int) {\n    centres(filter: { search: $search }, first: $first) { totalCount nodes { id code name type } }\n  }\n": typeof types.CentreOptionsDocument,
};
const documents: Documents = {
    "\n  fragment FindingRowFields on Finding {\n    id centreId centreCode centreName ruleCode subjectKey severity status titleVi titleEn legalBasisVi evidence foundOn resolvedOn resolution resolutionNote\n  }\n": types.FindingRowFieldsFragmentDoc,
    "\n  query Findings($filter: FindingFilter, $first: Int, $after: String) {\n    findings(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...FindingRowFields }\n    }\n  }\n": types.FindingsDocument,
    "\n  mutation ResolveFinding($id: ID!, $note: String!) {\n    resolveFinding(id: $id, note: $note) { ...FindingRowFields }\n  }\n": types.ResolveFindingDocument,
    "\n  fragment InspectionFields on Inspection {\n    id centreId inspectedOn kind decisionRef inspectorName conclusionVi\n    findings { id category descriptionVi severity remediationDue remediatedOn remediationNote }\n  }\n": types.InspectionFieldsFragmentDoc,
    "\n  query CentreInspections($centreId: ID!) {\n    inspections(centreId: $centreId) { ...InspectionFields }\n  }\n": types.CentreInspectionsDocument,
    "\n  mutation RecordInspection($input: RecordInspectionInput!) {\n    recordInspection(input: $input) { ...InspectionFields }\n  }\n": types.RecordInspectionDocument,
    "\n  mutation RecordInspectionFinding($inspectionId: ID!, $input: InspectionFindingInput!) {\n    recordInspectionFinding(inspectionId: $inspectionId, input: $input) { ...InspectionFields }\n  }\n": types.RecordInspectionFindingDocument,
    "\n  fragment UnlicensedCaseFields on UnlicensedOperatorCase {\n    id unitId unitName operatorName address activityVi foundOn status statusNote fineVnd closedOn daysOpen legalBasisVi reportedByName version\n  }\n": types.UnlicensedCaseFieldsFragmentDoc,
    "\n  query UnlicensedCases($status: UnlicensedCaseStatus, $unitId: ID, $first: Int, $after: String) {\n    unlicensedOperatorCases(status: $status, unitId: $unitId, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...UnlicensedCaseFields }\n    }\n  }\n": types.UnlicensedCasesDocument,
    "\n  mutation ReportUnlicensedOperator($input: ReportUnlicensedOperatorInput!) {\n    reportUnlicensedOperator(input: $input) { ...UnlicensedCaseFields }\n  }\n": types.ReportUnlicensedOperatorDocument,
    "\n  mutation UpdateUnlicensedOperatorCase($input: UpdateUnlicensedOperatorCaseInput!) {\n    updateUnlicensedOperatorCase(input: $input) { ...UnlicensedCaseFields }\n  }\n": types.UpdateUnlicensedOperatorCaseDocument,
    "\n  query ComplianceCentreName($id: ID!) { centre(id: $id) { id code name } }\n": types.ComplianceCentreNameDocument,
    "\n  fragment IndicatorDefinitionFields on IndicatorDefinitionDto {\n    id code provinceId version nameVi nameEn unit templateCodes descriptionVi numerator denominator factor aggregation\n    versions { version provinceId nameVi numerator denominator factor aggregation unit templateCodes createdAt }\n  }\n": types.IndicatorDefinitionFieldsFragmentDoc,
    "\n  query IndicatorDefinitions { indicatorDefinitions { ...IndicatorDefinitionFields } }\n": types.IndicatorDefinitionsDocument,
    "\n  query IndicatorTemplates { reportTemplates { code nameVi periodType } }\n": types.IndicatorTemplatesDocument,
    "\n  query PreviewIndicatorDefinition($input: SaveIndicatorDefinitionInput!, $periodCode: String!) {\n    previewIndicatorDefinition(input: $input, periodCode: $periodCode) {\n      total { value numerator denominator centreCount coverage { reporting expected } }\n      byCentre { centreId centreName value numerator denominator coverage { reporting expected } }\n    }\n  }\n": types.PreviewIndicatorDefinitionDocument,
    "\n  mutation SaveIndicatorDefinition($input: SaveIndicatorDefinitionInput!) {\n    saveIndicatorDefinition(input: $input) { ...IndicatorDefinitionFields }\n  }\n": types.SaveIndicatorDefinitionDocument,
    "\n  query BackgroundJobs($filter: BackgroundJobFilter) {\n    backgroundJobs(filter: $filter) {\n      jobId name state progress attemptsMade maxAttempts failedReasonVi failedReasonEn centreId queuedAt finishedAt canRetry\n    }\n  }\n": types.BackgroundJobsDocument,
    "\n  mutation RetryBackgroundJob($jobId: ID!) {\n    retryBackgroundJob(jobId: $jobId) { jobId state attemptsMade canRetry failedReasonVi }\n  }\n": types.RetryBackgroundJobDocument,
    "\n  query LiteracyStatus($unitId: ID!, $year: Int!, $asOf: Date) {\n    literacyStatus(unitId: $unitId, year: $year, asOf: $asOf) {\n      unitId\n      unitName\n      unitLevel\n      year\n      periodCode\n      asOf\n      paramsVersion\n      aggregationTier\n      ruleDate\n      judgedAsUnit\n      recognisedBy { level byVi byEn }\n      recognitionChain { tier recognisedBy { level byVi byEn } }\n      level\n      dbkk\n      dbkkSource\n      reasons\n      reasonsEn\n      communes\n      communesWithData\n      reports\n      computedAt\n      dataAcceptedUntil\n      criteria { level met thresholdPct valuePct band basis numerator denominator }\n      rates { band population literateL1 literateL2 rateL1Pct rateL2Pct communes }\n      indicators {\n        belowL1\n        belowL2\n        illiterate15to60\n        learnersPhase1\n        learnersPhase2\n        newlyLiterate\n        mobilisationRatePct\n        completionPct\n        dttsPopulationSharePct\n      }\n      children {\n        unitId\n        name\n        unitLevel\n        level\n        hasData\n        dbkk\n        reasons\n        reasonsEn\n        communes\n        communesWithData\n        criteria { level met thresholdPct valuePct band basis numerator denominator }\n        rates { band population literateL1 literateL2 rateL1Pct rateL2Pct communes }\n      }\n      unmappedData { centreId unitId reason }\n    }\n  }\n": types.LiteracyStatusDocument,
    "\n  query LiteracyYears($unitId: ID!, $y0: Int!, $y1: Int!, $y2: Int!, $y3: Int!, $y4: Int!, $y5: Int!) {\n    y0: literacyStatus(unitId: $unitId, year: $y0) { year communesWithData }\n    y1: literacyStatus(unitId: $unitId, year: $y1) { year communesWithData }\n    y2: literacyStatus(unitId: $unitId, year: $y2) { year communesWithData }\n    y3: literacyStatus(unitId: $unitId, year: $y3) { year communesWithData }\n    y4: literacyStatus(unitId: $unitId, year: $y4) { year communesWithData }\n    y5: literacyStatus(unitId: $unitId, year: $y5) { year communesWithData }\n  }\n": types.LiteracyYearsDocument,
    "\n  query LearningSocietyProgress($unitId: ID!, $year: Int!, $asOf: Date) {\n    learningSocietyProgress(unitId: $unitId, year: $year, asOf: $asOf) {\n      unitId\n      unitName\n      year\n      asOf\n      computedAt\n      periodCodes\n      reportingCentres\n      indicators { code nameVi nameEn model recognised eligible ratePct targetPct targetYear gapPct status legalBasis }\n    }\n  }\n": types.LearningSocietyProgressDocument,
    "\n  query LiteracyUnits($asOf: Date) {\n    administrativeUnits(asOf: $asOf) { id name level parentId }\n  }\n": types.LiteracyUnitsDocument,
    "\n  fragment OutlierScoreFields on OutlierScoreDto { score median n method outlier }\n": types.OutlierScoreFieldsFragmentDoc,
    "\n  query ValueChecks($submissionId: ID!) {\n    valueChecks(submissionId: $submissionId) {\n      valueKey labelVi labelEn value outlier peersPeriodCode\n      history { ...OutlierScoreFields }\n      peers { ...OutlierScoreFields }\n    }\n  }\n": types.ValueChecksDocument,
    "\n  query DataQualityOutliers($periodCode: String!, $templateCode: String!) {\n    dataQualityOutliers(periodCode: $periodCode, templateCode: $templateCode) {\n      submissionId centreId centreCode centreName centreType valueKey labelVi labelEn value openFlagId\n      history { ...OutlierScoreFields }\n      peers { ...OutlierScoreFields }\n    }\n  }\n": types.DataQualityOutliersDocument,
    "\n  query DataQualityFlags($status: String) {\n    dataQualityFlags(status: $status) { id submissionId centreId centreName templateCode periodCode valueKey labelVi labelEn value note status flaggedAt resolution resolvedAt }\n  }\n": types.DataQualityFlagsDocument,
    "\n  query LikelyDuplicateCentres { likelyDuplicateCentres { firstId firstCode firstName secondId secondCode secondName reason } }\n": types.LikelyDuplicateCentresDocument,
    "\n  mutation FlagValue($input: FlagValueInput!) { flagValue(input: $input) { id status } }\n": types.FlagValueDocument,
    "\n  mutation ResolveDataQualityFlag($id: ID!, $resolution: String!) { resolveDataQualityFlag(id: $id, resolution: $resolution) { id status resolution resolvedAt } }\n": types.ResolveDataQualityFlagDocument,
    "\n  query MinistryLayouts { ministryLayouts { code version system nameVi nameEn official noteVi templateCode rowsPer } }\n": types.MinistryLayoutsDocument,
    "\n  query MinistryCodes($kind: String!) { ministryCodes(kind: $kind) { id code name ministryCode } }\n": types.MinistryCodesDocument,
    "\n  mutation SetMinistryCode($input: SetMinistryCodeInput!) { setMinistryCode(input: $input) { id ministryCode } }\n": types.SetMinistryCodeDocument,
    "\n  query UnitBoundaries { unitBoundaries { geojson schematic noteVi units missing } }\n": types.UnitBoundariesDocument,
    "\n  query DocumentSettings {\n    documentSettings { governingBody issuingBody symbol place signerAuthority signerTitle signerName recipients isDefault version updatedAt }\n  }\n": types.DocumentSettingsDocument,
    "\n  mutation SaveDocumentSettings($input: DocumentSettingsInput!) {\n    saveDocumentSettings(input: $input) { governingBody issuingBody symbol place signerAuthority signerTitle signerName recipients isDefault version updatedAt }\n  }\n": types.SaveDocumentSettingsDocument,
    "\n  query MyReportSubscriptions { myReportSubscriptions { id frequency active lastDeliveryPeriod lastDeliveryStatus lastSentAt } }\n": types.MyReportSubscriptionsDocument,
    "\n  mutation SetReportSubscription($frequency: ReportFrequency!, $active: Boolean!) {\n    setReportSubscription(frequency: $frequency, active: $active) { id frequency active lastDeliveryPeriod lastDeliveryStatus lastSentAt }\n  }\n": types.SetReportSubscriptionDocument,
    "\n  fragment LiteracyParameterSetFields on LiteracyParameterSetDto {\n    version\n    source\n    validFrom\n    validTo\n    legalBasis\n    definitionJson\n  }\n": types.LiteracyParameterSetFieldsFragmentDoc,
    "\n  query LiteracyParameterSets {\n    literacyParameterSets { ...LiteracyParameterSetFields }\n  }\n": types.LiteracyParameterSetsDocument,
    "\n  mutation SetLiteracyParameters($input: SetLiteracyParametersInput!) {\n    setLiteracyParameters(input: $input) { ...LiteracyParameterSetFields }\n  }\n": types.SetLiteracyParametersDocument,
    "\n  fragment LearningSocietyTargetFields on LearningSocietyTargetDto { code year targetPct nameVi nameEn legalBasis source }\n": types.LearningSocietyTargetFieldsFragmentDoc,
    "\n  fragment CommuneDbkkFields on CommuneDbkkDto { unitId validFrom validTo decisionRef }\n": types.CommuneDbkkFieldsFragmentDoc,
    "\n  query LearningSocietyTargets {\n    learningSocietyTargets { ...LearningSocietyTargetFields }\n  }\n": types.LearningSocietyTargetsDocument,
    "\n  mutation SetLearningSocietyTarget($input: SetLearningSocietyTargetInput!) {\n    setLearningSocietyTarget(input: $input) { ...LearningSocietyTargetFields }\n  }\n": types.SetLearningSocietyTargetDocument,
    "\n  query CommuneDbkk {\n    communeDbkk { ...CommuneDbkkFields }\n  }\n": types.CommuneDbkkDocument,
    "\n  mutation SetCommuneDbkk($input: SetCommuneDbkkInput!) {\n    setCommuneDbkk(input: $input) { ...CommuneDbkkFields }\n  }\n": types.SetCommuneDbkkDocument,
    "\n  query SettingsUnits {\n    administrativeUnits { id name level parentId }\n  }\n": types.SettingsUnitsDocument,
    "\n  fragment VisualizerValueFields on IndicatorValue {\n    code nameVi nameEn unit value numerator denominator periodCode unitId unitName areaId areaName centreType ownership centreCount\n    coverage { reporting expected }\n  }\n": types.VisualizerValueFieldsFragmentDoc,
    "\n  query VisualizerIndicators { indicatorDefinitions { code nameVi nameEn unit templateCodes } }\n": types.VisualizerIndicatorsDocument,
    "\n  query VisualizerValues($cells: IndicatorQuery!, $rowTotals: IndicatorQuery!, $columnTotals: IndicatorQuery!, $grandTotals: IndicatorQuery!, $byDimension: Boolean!) {\n    cells: indicatorValues(query: $cells) { ...VisualizerValueFields }\n    rowTotals: indicatorValues(query: $rowTotals) { ...VisualizerValueFields }\n    columnTotals: indicatorValues(query: $columnTotals) @include(if: $byDimension) { ...VisualizerValueFields }\n    grandTotals: indicatorValues(query: $grandTotals) @include(if: $byDimension) { ...VisualizerValueFields }\n  }\n": types.VisualizerValuesDocument,
    "\n  fragment VisualizationFavouriteFields on VisualizationFavourite {\n    id name createdAt updatedAt definition { indicatorCodes dimension relativePeriod centreType layout }\n  }\n": types.VisualizationFavouriteFieldsFragmentDoc,
    "\n  query MyVisualizations { myVisualizations { ...VisualizationFavouriteFields } }\n": types.MyVisualizationsDocument,
    "\n  mutation SaveVisualization($input: SaveVisualizationInput!) { saveVisualization(input: $input) { ...VisualizationFavouriteFields } }\n": types.SaveVisualizationDocument,
    "\n  mutation DeleteVisualization($id: ID!) { deleteVisualization(id: $id) }\n": types.DeleteVisualizationDocument,
    "\n  query VisualizerCellCentres($query: IndicatorQuery!) {\n    indicatorValues(query: $query) {\n      code value numerator denominator periodCode unitId unitName areaId areaName centreType ownership centreId centreName centreCount\n      coverage { reporting expected } computedAt\n    }\n  }\n": types.VisualizerCellCentresDocument,
    "\n  query UnitsAsOf($asOf: Date) {\n    administrativeUnits(asOf: $asOf) { id code name level parentId validFrom validTo predecessorIds successorIds centreCount }\n  }\n": types.UnitsAsOfDocument,
    "\n  query ProvinceMergers {\n    provinceMergers { id survivorProvinceId survivorName absorbedProvinceId absorbedName effectiveDate legalBasis centresMoved }\n  }\n": types.ProvinceMergersDocument,
    "\n  query Reorganisations {\n    reorganisations {\n      id code name effectiveDate legalBasis\n      successions { successor { id code name level validFrom } predecessors { id code name level validFrom validTo } }\n    }\n  }\n": types.ReorganisationsDocument,
    "\n  mutation CreateCentre($input: CreateCentreInput!) { createCentre(input: $input) { id code name } }\n": types.CreateCentreDocument,
    "\n  mutation UpdateCentre($input: UpdateCentreInput!) { updateCentre(input: $input) { ...CentreDetailFields } }\n": types.UpdateCentreDocument,
    "\n  mutation ChangeCentreStatus($input: ChangeCentreStatusInput!) { changeCentreStatus(input: $input) { ...CentreDetailFields } }\n": types.ChangeCentreStatusDocument,
    "\n  mutation RecordLicence($input: RecordLicenceInput!) { recordLicence(input: $input) { ...LicenceRecordFields } }\n": types.RecordLicenceDocument,
    "\n  fragment IndicatorValueFields on IndicatorValue {\n    code nameVi nameEn unit value numerator denominator centreCount computedAt periodCode\n  }\n": types.IndicatorValueFieldsFragmentDoc,
    "\n  query ProvinceOverview($periodCode: String!) {\n    provinceOverview(periodCode: $periodCode) {\n      periodCode computedAt\n      submissionsByStatus { key count }\n      indicators { change previousPeriodCode current { ...IndicatorValueFields } previous { ...IndicatorValueFields } }\n    }\n  }\n": types.ProvinceOverviewDocument,
    "\n  query ComplianceOverview {\n    complianceOverview {\n      asOf centreCount\n      byStatus { status centres }\n      worstCentres { centreId centreCode centreName status openFindings highFindings }\n    }\n  }\n": types.ComplianceOverviewDocument,
    "\n  fragment CentreComplianceFields on CentreCompliance {\n    asOf status openFindingCount\n    openFindings { id ruleCode titleVi titleEn legalBasisVi severity status foundOn }\n  }\n": types.CentreComplianceFieldsFragmentDoc,
    "\n  query CentreCompliance($centreId: ID!) { centreCompliance(centreId: $centreId) { ...CentreComplianceFields } }\n": types.CentreComplianceDocument,
    "\n  query Notifications($first: Int) {\n    notifications(first: $first) { totalCount nodes { id kind titleVi bodyVi titleEn bodyEn link readAt createdAt } }\n  }\n": types.NotificationsDocument,
    "\n  query ReportingRates($templateCode: String!, $periodFrom: String!, $periodTo: String, $groupBy: [IndicatorGroupBy!], $asOf: Date) {\n    reportingRates(templateCode: $templateCode, periodFrom: $periodFrom, periodTo: $periodTo, groupBy: $groupBy, asOf: $asOf) {\n      unitId unitName areaId areaName periodCode expected notDue submitted onTime late returned missing accepted submittedRate onTimeRate computedAt\n    }\n  }\n": types.ReportingRatesDocument,
    "\n  query GroupedIndicatorValues($query: IndicatorQuery!) {\n    indicatorValues(query: $query) {\n      code nameVi nameEn unit value centreCount unitId unitName areaId areaName centreType coverage { reporting expected }\n    }\n  }\n": types.GroupedIndicatorValuesDocument,
    "\n  query ComplianceGroups($groupBy: ComplianceGroupBy) {\n    complianceOverview(groupBy: $groupBy) {\n      asOf centreCount\n      groups { unitId areaId centreType name centreCount compliant atRisk nonCompliant openFindings highFindings }\n    }\n  }\n": types.ComplianceGroupsDocument,
    "\n  fragment AttentionUnitFields on AttentionUnit {\n    kind id name centreCount expected notDue onTime late missing returned submitted waitingReview onTimeRate submittedRate missingOrLate reviewPath\n  }\n": types.AttentionUnitFieldsFragmentDoc,
    "\n  query ProvinceLanding {\n    reportingAtAGlance { ...ReportingGlanceFields needsAction(first: 20) { ...GlanceItemFields } }\n    centreCounts { asOf total byType { key count } byStatus { key count } byLicenceStatus { key count } }\n    areasNeedingAttention(first: 5) { asOf areas { ...AttentionUnitFields } communes { ...AttentionUnitFields } }\n    landingResults {\n      asOf\n      results {\n        code nameVi nameEn unit periodCode previousPeriodCode fromRollups\n        current { value centreCount coverage { reporting expected } computedAt }\n        likeForLike { centres value previousValue change computedAt }\n        trend { periodCode value coverage { reporting expected } }\n      }\n    }\n  }\n": types.ProvinceLandingDocument,
    "\n  query NotificationList($first: Int, $after: String, $unreadOnly: Boolean) {\n    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n      totalCount\n      pageInfo { endCursor hasNextPage }\n      nodes { id kind titleVi bodyVi titleEn bodyEn link readAt createdAt }\n    }\n    unreadNotificationCount\n  }\n": types.NotificationListDocument,
    "\n  query UnreadNotificationCount { unreadNotificationCount }\n": types.UnreadNotificationCountDocument,
    "\n  mutation MarkAllNotificationsRead { markAllNotificationsRead }\n": types.MarkAllNotificationsReadDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }\n": types.MarkNotificationsReadDocument,
    "\n  query HeatmapCell($templateCode: String!, $periodCode: String!, $unitId: ID!) {\n    reportingRates(templateCode: $templateCode, periodFrom: $periodCode, periodTo: $periodCode, unitId: $unitId, groupBy: [CENTRE]) {\n      centreId expected notDue submitted onTime late returned missing accepted\n    }\n    submissions(filter: { templateCode: $templateCode, periodId: $periodCode, unitId: $unitId }, first: 200) {\n      nodes { id centreId status submittedAt dueDate }\n    }\n    centres(filter: { unitId: $unitId }, first: 200) {\n      nodes { id code name }\n    }\n  }\n": types.HeatmapCellDocument,
    "\n  fragment UserFields on UserInfo { id username fullName role permissions scope scopeName scopeEndedOn areaId centreId unitId provinceId email active language }\n": types.UserFieldsFragmentDoc,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { accessToken refreshToken expiresIn totpEnrolmentRequired user { ...UserFields } }\n  }\n": types.LoginDocument,
    "\n  query Me { me { ...UserFields } myTotp { enabled requiredByProvince } unreadNotificationCount }\n": types.MeDocument,
    "\n  fragment AdministrativeUnitFields on AdministrativeUnit { id code name level parentId }\n": types.AdministrativeUnitFieldsFragmentDoc,
    "\n  query AdministrativeUnits($parentId: ID) { administrativeUnits(parentId: $parentId) { ...AdministrativeUnitFields } }\n": types.AdministrativeUnitsDocument,
    "\n  fragment CentreSummaryFields on Centre { id code name type status licenceStatus ownership address adminUnit { id name } }\n": types.CentreSummaryFieldsFragmentDoc,
    "\n  query Centres($filter: CentreFilter, $first: Int, $after: String) {\n    centres(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { endCursor hasNextPage }\n      nodes { ...CentreSummaryFields }\n    }\n  }\n": types.CentresDocument,
    "\n  fragment LicenceRecordFields on LicenceRecord { id kind decisionNumber decidedOn issuer holderName state validFrom validTo note }\n": types.LicenceRecordFieldsFragmentDoc,
    "\n  fragment CentreDetailFields on Centre {\n    ...CentreSummaryFields\n    email phone establishedOn statusSince supervisingUnitId version\n    licences { ...LicenceRecordFields }\n    statusHistory { status validFrom validTo reason decisionRef }\n  }\n": types.CentreDetailFieldsFragmentDoc,
    "\n  query Centre($id: ID!) { centre(id: $id) { ...CentreDetailFields } }\n": types.CentreDocument,
    "\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { ...UserFields } }\n  }\n": types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { ...UserFields } }\n": types.CreateUserDocument,
    "\n  mutation UpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { ...UserFields } }\n": types.UpdateUserDocument,
    "\n  mutation MoveUserFromMergedProvince($userId: ID!) { moveUserFromMergedProvince(userId: $userId) { ...UserFields } }\n": types.MoveUserFromMergedProvinceDocument,
    "\n  mutation AssignRole($input: AssignRoleInput!) { assignRole(input: $input) { ...UserFields } }\n": types.AssignRoleDocument,
    "\n  query SupervisoryAreasOn($asOf: Date) {\n    supervisoryAreas(asOf: $asOf) { id code name units { id } }\n  }\n": types.SupervisoryAreasOnDocument,
    "\n  mutation SetMyLanguage($language: String!) { setMyLanguage(language: $language) { id language } }\n": types.SetMyLanguageDocument,
    "\n  fragment DueReportFields on DueReport {\n    centreId templateCode templateVersion templateNameVi templateNameEn periodCode periodType periodLabelVi periodLabelEn\n    dueDate extended status daysLeft submissionId submissionVersion\n  }\n": types.DueReportFieldsFragmentDoc,
    "\n  query DueReports($centreId: ID!) { dueReports(centreId: $centreId) { ...DueReportFields } }\n": types.DueReportsDocument,
    "\n  query CentreHome($centreId: ID!) {\n    dueReports(centreId: $centreId) { ...DueReportFields calendarStatus daysLate }\n    centre(id: $centreId) { ...CentreDetailFields }\n    centreCompliance(centreId: $centreId) { ...CentreComplianceFields }\n  }\n": types.CentreHomeDocument,
    "\n  fragment ReportingGlanceFields on ReportingAtAGlance {\n    asOf centreCount needsActionCount computedAt\n    totals { expected notDue onTime late returned missing submitted waitingReview submittedRate onTimeRate }\n    periods {\n      templateCode templateNameVi templateNameEn periodCode periodLabelVi periodLabelEn dueDate\n      expected notDue onTime late returned missing submitted waitingReview submittedRate onTimeRate\n    }\n  }\n": types.ReportingGlanceFieldsFragmentDoc,
    "\n  fragment GlanceItemFields on GlanceItem {\n    centreId centreName templateCode templateNameVi templateNameEn periodCode periodLabelVi periodLabelEn dueDate\n    reportClass days waitingReview submissionId submissionStatus\n  }\n": types.GlanceItemFieldsFragmentDoc,
    "\n  query AreaAtAGlance { reportingAtAGlance { ...ReportingGlanceFields needsAction(first: 100) { ...GlanceItemFields } } }\n": types.AreaAtAGlanceDocument,
    "\n  query ReportTemplate($code: String!, $version: Int) {\n    reportTemplate(code: $code, version: $version) { code version nameVi nameEn definition }\n  }\n": types.ReportTemplateDocument,
    "\n  fragment ValidationIssueFields on ValidationIssueDto { ruleCode severity fields messageVi messageEn explainable }\n": types.ValidationIssueFieldsFragmentDoc,
    "\n  fragment SubmissionSummaryFields on Submission {\n    id centreId centreCode centreName templateCode templateVersion periodCode periodLabelVi status version dueDate submittedAt\n    acceptedAt updatedAt canReview\n    lateness { nextDeadline daysLateIfSubmittedToday lastSubmissionDaysLate lastSubmissionLateReason }\n  }\n": types.SubmissionSummaryFieldsFragmentDoc,
    "\n  fragment SubmissionDetailFields on Submission {\n    ...SubmissionSummaryFields\n    values explanations\n    issues { ...ValidationIssueFields }\n    events { id action fromStatus toStatus submissionVersion actorName comment fieldComments { field comment } at }\n    versions { number templateVersion values submittedAt }\n  }\n": types.SubmissionDetailFieldsFragmentDoc,
    "\n  query Submission($id: ID!) { submission(id: $id) { ...SubmissionDetailFields } }\n": types.SubmissionDocument,
    "\n  query Submissions($filter: SubmissionFilter, $first: Int, $after: String, $withChecks: Boolean = false) {\n    submissions(filter: $filter, first: $first, after: $after) {\n      totalCount pageInfo { endCursor hasNextPage }\n      nodes { ...SubmissionSummaryFields checks @include(if: $withChecks) { errors warnings unexplainedWarnings } }\n    }\n  }\n": types.SubmissionsDocument,
    "\n  mutation SaveSubmissionDraft($input: SaveSubmissionDraftInput!) {\n    saveSubmissionDraft(input: $input) {\n      changed\n      issues { ...ValidationIssueFields }\n      submission { ...SubmissionDetailFields }\n    }\n  }\n": types.SaveSubmissionDraftDocument,
    "\n  mutation SubmitSubmission($id: ID!, $expectedVersion: Int!, $lateReason: String) {\n    submitSubmission(id: $id, expectedVersion: $expectedVersion, lateReason: $lateReason) { ...SubmissionDetailFields }\n  }\n": types.SubmitSubmissionDocument,
    "\n  mutation ReturnSubmission($id: ID!, $expectedVersion: Int!, $comment: String!, $fieldComments: [FieldCommentInput!], $resubmitBy: String) {\n    returnSubmission(id: $id, expectedVersion: $expectedVersion, comment: $comment, fieldComments: $fieldComments, resubmitBy: $resubmitBy) {\n      ...SubmissionDetailFields\n    }\n  }\n": types.ReturnSubmissionDocument,
    "\n  mutation AcceptSubmission($id: ID!, $expectedVersion: Int!) {\n    acceptSubmission(id: $id, expectedVersion: $expectedVersion) { ...SubmissionDetailFields }\n  }\n": types.AcceptSubmissionDocument,
    "\n  mutation AcceptSubmissions($items: [AcceptSubmissionItem!]!) {\n    acceptSubmissions(items: $items) {\n      accepted { id status version }\n      refused { id code reason messageVi messageEn }\n    }\n  }\n": types.AcceptSubmissionsDocument,
    "\n  query MyTotp { myTotp { enabled pending requiredByProvince } }\n": types.MyTotpDocument,
    "\n  mutation StartTotpEnrolment { startTotpEnrolment { secret otpauthUri qrSvg } }\n": types.StartTotpEnrolmentDocument,
    "\n  mutation ConfirmTotpEnrolment($code: String!) { confirmTotpEnrolment(input: { code: $code }) { enabled pending requiredByProvince } }\n": types.ConfirmTotpEnrolmentDocument,
    "\n  mutation DisableTotp($code: String!) { disableTotp(input: { code: $code }) { enabled pending requiredByProvince } }\n": types.DisableTotpDocument,
    "\n  query ProvinceSecurity { provinceSecurity { totpRequiredForAdmins } }\n": types.ProvinceSecurityDocument,
    "\n  mutation SetTotpRequiredForAdmins($required: Boolean!) { setTotpRequiredForAdmins(required: $required) { totpRequiredForAdmins } }\n": types.SetTotpRequiredForAdminsDocument,
    "\n  query SecurityEvents($first: Int, $before: ID) {\n    securityEvents(first: $first, before: $before) { id at action username actorName address role failures }\n  }\n": types.SecurityEventsDocument,
    "\n  mutation ResetUserTotp($userId: ID!) { resetUserTotp(userId: $userId) }\n": types.ResetUserTotpDocument,
    "\n  fragment TemplateSummaryFields on ReportTemplate { code version nameVi nameEn centreTypes periodType national publishedAt definition }\n": types.TemplateSummaryFieldsFragmentDoc,
    "\n  query ReportTemplates($centreType: CentreType) { reportTemplates(centreType: $centreType) { ...TemplateSummaryFields } }\n": types.ReportTemplatesDocument,
    "\n  query TemplateDetail($code: String!, $version: Int) { reportTemplate(code: $code, version: $version) { ...TemplateSummaryFields } }\n": types.TemplateDetailDocument,
    "\n  query TemplateVersions($code: String!) { reportTemplateVersions(code: $code) { code version nameVi national publishedAt } }\n": types.TemplateVersionsDocument,
    "\n  mutation PublishReportTemplate($definition: JSON!) { publishReportTemplate(definition: $definition) { ...TemplateSummaryFields } }\n": types.PublishReportTemplateDocument,
    "\n  mutation GrantExtension($input: GrantExtensionInput!) {\n    grantExtension(input: $input) { id centreId templateCode periodCode dueDate reason grantedAt grantedBy }\n  }\n": types.GrantExtensionDocument,
    "\n  query CentreDeadlines($centreId: ID!) {\n    dueReports(centreId: $centreId) {\n      centreId templateCode templateNameVi templateNameEn periodCode periodLabelVi periodLabelEn periodEnd\n      dueDate regularDueDate extended status daysLeft\n    }\n  }\n": types.CentreDeadlinesDocument,
    "\n  query CentreOptions($search: String, $first: Int) {\n    centres(filter: { search: $search }, first: $first) { totalCount nodes { id code name type } }\n  }\n": types.CentreOptionsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FindingRowFields on Finding {\n    id centreId centreCode centreName ruleCode subjectKey severity status titleVi titleEn legalBasisVi evidence foundOn resolvedOn resolution resolutionNote\n  }\n"): (typeof documents)["\n  fragment FindingRowFields on Finding {\n    id centreId centreCode centreName ruleCode subjectKey severity status titleVi titleEn legalBasisVi evidence foundOn resolvedOn resolution resolutionNote\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Findings($filter: FindingFilter, $first: Int, $after: String) {\n    findings(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...FindingRowFields }\n    }\n  }\n"): (typeof documents)["\n  query Findings($filter: FindingFilter, $first: Int, $after: String) {\n    findings(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...FindingRowFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveFinding($id: ID!, $note: String!) {\n    resolveFinding(id: $id, note: $note) { ...FindingRowFields }\n  }\n"): (typeof documents)["\n  mutation ResolveFinding($id: ID!, $note: String!) {\n    resolveFinding(id: $id, note: $note) { ...FindingRowFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InspectionFields on Inspection {\n    id centreId inspectedOn kind decisionRef inspectorName conclusionVi\n    findings { id category descriptionVi severity remediationDue remediatedOn remediationNote }\n  }\n"): (typeof documents)["\n  fragment InspectionFields on Inspection {\n    id centreId inspectedOn kind decisionRef inspectorName conclusionVi\n    findings { id category descriptionVi severity remediationDue remediatedOn remediationNote }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CentreInspections($centreId: ID!) {\n    inspections(centreId: $centreId) { ...InspectionFields }\n  }\n"): (typeof documents)["\n  query CentreInspections($centreId: ID!) {\n    inspections(centreId: $centreId) { ...InspectionFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordInspection($input: RecordInspectionInput!) {\n    recordInspection(input: $input) { ...InspectionFields }\n  }\n"): (typeof documents)["\n  mutation RecordInspection($input: RecordInspectionInput!) {\n    recordInspection(input: $input) { ...InspectionFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordInspectionFinding($inspectionId: ID!, $input: InspectionFindingInput!) {\n    recordInspectionFinding(inspectionId: $inspectionId, input: $input) { ...InspectionFields }\n  }\n"): (typeof documents)["\n  mutation RecordInspectionFinding($inspectionId: ID!, $input: InspectionFindingInput!) {\n    recordInspectionFinding(inspectionId: $inspectionId, input: $input) { ...InspectionFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UnlicensedCaseFields on UnlicensedOperatorCase {\n    id unitId unitName operatorName address activityVi foundOn status statusNote fineVnd closedOn daysOpen legalBasisVi reportedByName version\n  }\n"): (typeof documents)["\n  fragment UnlicensedCaseFields on UnlicensedOperatorCase {\n    id unitId unitName operatorName address activityVi foundOn status statusNote fineVnd closedOn daysOpen legalBasisVi reportedByName version\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnlicensedCases($status: UnlicensedCaseStatus, $unitId: ID, $first: Int, $after: String) {\n    unlicensedOperatorCases(status: $status, unitId: $unitId, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...UnlicensedCaseFields }\n    }\n  }\n"): (typeof documents)["\n  query UnlicensedCases($status: UnlicensedCaseStatus, $unitId: ID, $first: Int, $after: String) {\n    unlicensedOperatorCases(status: $status, unitId: $unitId, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...UnlicensedCaseFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportUnlicensedOperator($input: ReportUnlicensedOperatorInput!) {\n    reportUnlicensedOperator(input: $input) { ...UnlicensedCaseFields }\n  }\n"): (typeof documents)["\n  mutation ReportUnlicensedOperator($input: ReportUnlicensedOperatorInput!) {\n    reportUnlicensedOperator(input: $input) { ...UnlicensedCaseFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUnlicensedOperatorCase($input: UpdateUnlicensedOperatorCaseInput!) {\n    updateUnlicensedOperatorCase(input: $input) { ...UnlicensedCaseFields }\n  }\n"): (typeof documents)["\n  mutation UpdateUnlicensedOperatorCase($input: UpdateUnlicensedOperatorCaseInput!) {\n    updateUnlicensedOperatorCase(input: $input) { ...UnlicensedCaseFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ComplianceCentreName($id: ID!) { centre(id: $id) { id code name } }\n"): (typeof documents)["\n  query ComplianceCentreName($id: ID!) { centre(id: $id) { id code name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment IndicatorDefinitionFields on IndicatorDefinitionDto {\n    id code provinceId version nameVi nameEn unit templateCodes descriptionVi numerator denominator factor aggregation\n    versions { version provinceId nameVi numerator denominator factor aggregation unit templateCodes createdAt }\n  }\n"): (typeof documents)["\n  fragment IndicatorDefinitionFields on IndicatorDefinitionDto {\n    id code provinceId version nameVi nameEn unit templateCodes descriptionVi numerator denominator factor aggregation\n    versions { version provinceId nameVi numerator denominator factor aggregation unit templateCodes createdAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IndicatorDefinitions { indicatorDefinitions { ...IndicatorDefinitionFields } }\n"): (typeof documents)["\n  query IndicatorDefinitions { indicatorDefinitions { ...IndicatorDefinitionFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IndicatorTemplates { reportTemplates { code nameVi periodType } }\n"): (typeof documents)["\n  query IndicatorTemplates { reportTemplates { code nameVi periodType } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewIndicatorDefinition($input: SaveIndicatorDefinitionInput!, $periodCode: String!) {\n    previewIndicatorDefinition(input: $input, periodCode: $periodCode) {\n      total { value numerator denominator centreCount coverage { reporting expected } }\n      byCentre { centreId centreName value numerator denominator coverage { reporting expected } }\n    }\n  }\n"): (typeof documents)["\n  query PreviewIndicatorDefinition($input: SaveIndicatorDefinitionInput!, $periodCode: String!) {\n    previewIndicatorDefinition(input: $input, periodCode: $periodCode) {\n      total { value numerator denominator centreCount coverage { reporting expected } }\n      byCentre { centreId centreName value numerator denominator coverage { reporting expected } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveIndicatorDefinition($input: SaveIndicatorDefinitionInput!) {\n    saveIndicatorDefinition(input: $input) { ...IndicatorDefinitionFields }\n  }\n"): (typeof documents)["\n  mutation SaveIndicatorDefinition($input: SaveIndicatorDefinitionInput!) {\n    saveIndicatorDefinition(input: $input) { ...IndicatorDefinitionFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BackgroundJobs($filter: BackgroundJobFilter) {\n    backgroundJobs(filter: $filter) {\n      jobId name state progress attemptsMade maxAttempts failedReasonVi failedReasonEn centreId queuedAt finishedAt canRetry\n    }\n  }\n"): (typeof documents)["\n  query BackgroundJobs($filter: BackgroundJobFilter) {\n    backgroundJobs(filter: $filter) {\n      jobId name state progress attemptsMade maxAttempts failedReasonVi failedReasonEn centreId queuedAt finishedAt canRetry\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryBackgroundJob($jobId: ID!) {\n    retryBackgroundJob(jobId: $jobId) { jobId state attemptsMade canRetry failedReasonVi }\n  }\n"): (typeof documents)["\n  mutation RetryBackgroundJob($jobId: ID!) {\n    retryBackgroundJob(jobId: $jobId) { jobId state attemptsMade canRetry failedReasonVi }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiteracyStatus($unitId: ID!, $year: Int!, $asOf: Date) {\n    literacyStatus(unitId: $unitId, year: $year, asOf: $asOf) {\n      unitId\n      unitName\n      unitLevel\n      year\n      periodCode\n      asOf\n      paramsVersion\n      aggregationTier\n      ruleDate\n      judgedAsUnit\n      recognisedBy { level byVi byEn }\n      recognitionChain { tier recognisedBy { level byVi byEn } }\n      level\n      dbkk\n      dbkkSource\n      reasons\n      reasonsEn\n      communes\n      communesWithData\n      reports\n      computedAt\n      dataAcceptedUntil\n      criteria { level met thresholdPct valuePct band basis numerator denominator }\n      rates { band population literateL1 literateL2 rateL1Pct rateL2Pct communes }\n      indicators {\n        belowL1\n        belowL2\n        illiterate15to60\n        learnersPhase1\n        learnersPhase2\n        newlyLiterate\n        mobilisationRatePct\n        completionPct\n        dttsPopulationSharePct\n      }\n      children {\n        unitId\n        name\n        unitLevel\n        level\n        hasData\n        dbkk\n        reasons\n        reasonsEn\n        communes\n        communesWithData\n        criteria { level met thresholdPct valuePct band basis numerator denominator }\n        rates { band population literateL1 literateL2 rateL1Pct rateL2Pct communes }\n      }\n      unmappedData { centreId unitId reason }\n    }\n  }\n"): (typeof documents)["\n  query LiteracyStatus($unitId: ID!, $year: Int!, $asOf: Date) {\n    literacyStatus(unitId: $unitId, year: $year, asOf: $asOf) {\n      unitId\n      unitName\n      unitLevel\n      year\n      periodCode\n      asOf\n      paramsVersion\n      aggregationTier\n      ruleDate\n      judgedAsUnit\n      recognisedBy { level byVi byEn }\n      recognitionChain { tier recognisedBy { level byVi byEn } }\n      level\n      dbkk\n      dbkkSource\n      reasons\n      reasonsEn\n      communes\n      communesWithData\n      reports\n      computedAt\n      dataAcceptedUntil\n      criteria { level met thresholdPct valuePct band basis numerator denominator }\n      rates { band population literateL1 literateL2 rateL1Pct rateL2Pct communes }\n      indicators {\n        belowL1\n        belowL2\n        illiterate15to60\n        learnersPhase1\n        learnersPhase2\n        newlyLiterate\n        mobilisationRatePct\n        completionPct\n        dttsPopulationSharePct\n      }\n      children {\n        unitId\n        name\n        unitLevel\n        level\n        hasData\n        dbkk\n        reasons\n        reasonsEn\n        communes\n        communesWithData\n        criteria { level met thresholdPct valuePct band basis numerator denominator }\n        rates { band population literateL1 literateL2 rateL1Pct rateL2Pct communes }\n      }\n      unmappedData { centreId unitId reason }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiteracyYears($unitId: ID!, $y0: Int!, $y1: Int!, $y2: Int!, $y3: Int!, $y4: Int!, $y5: Int!) {\n    y0: literacyStatus(unitId: $unitId, year: $y0) { year communesWithData }\n    y1: literacyStatus(unitId: $unitId, year: $y1) { year communesWithData }\n    y2: literacyStatus(unitId: $unitId, year: $y2) { year communesWithData }\n    y3: literacyStatus(unitId: $unitId, year: $y3) { year communesWithData }\n    y4: literacyStatus(unitId: $unitId, year: $y4) { year communesWithData }\n    y5: literacyStatus(unitId: $unitId, year: $y5) { year communesWithData }\n  }\n"): (typeof documents)["\n  query LiteracyYears($unitId: ID!, $y0: Int!, $y1: Int!, $y2: Int!, $y3: Int!, $y4: Int!, $y5: Int!) {\n    y0: literacyStatus(unitId: $unitId, year: $y0) { year communesWithData }\n    y1: literacyStatus(unitId: $unitId, year: $y1) { year communesWithData }\n    y2: literacyStatus(unitId: $unitId, year: $y2) { year communesWithData }\n    y3: literacyStatus(unitId: $unitId, year: $y3) { year communesWithData }\n    y4: literacyStatus(unitId: $unitId, year: $y4) { year communesWithData }\n    y5: literacyStatus(unitId: $unitId, year: $y5) { year communesWithData }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LearningSocietyProgress($unitId: ID!, $year: Int!, $asOf: Date) {\n    learningSocietyProgress(unitId: $unitId, year: $year, asOf: $asOf) {\n      unitId\n      unitName\n      year\n      asOf\n      computedAt\n      periodCodes\n      reportingCentres\n      indicators { code nameVi nameEn model recognised eligible ratePct targetPct targetYear gapPct status legalBasis }\n    }\n  }\n"): (typeof documents)["\n  query LearningSocietyProgress($unitId: ID!, $year: Int!, $asOf: Date) {\n    learningSocietyProgress(unitId: $unitId, year: $year, asOf: $asOf) {\n      unitId\n      unitName\n      year\n      asOf\n      computedAt\n      periodCodes\n      reportingCentres\n      indicators { code nameVi nameEn model recognised eligible ratePct targetPct targetYear gapPct status legalBasis }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiteracyUnits($asOf: Date) {\n    administrativeUnits(asOf: $asOf) { id name level parentId }\n  }\n"): (typeof documents)["\n  query LiteracyUnits($asOf: Date) {\n    administrativeUnits(asOf: $asOf) { id name level parentId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OutlierScoreFields on OutlierScoreDto { score median n method outlier }\n"): (typeof documents)["\n  fragment OutlierScoreFields on OutlierScoreDto { score median n method outlier }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ValueChecks($submissionId: ID!) {\n    valueChecks(submissionId: $submissionId) {\n      valueKey labelVi labelEn value outlier peersPeriodCode\n      history { ...OutlierScoreFields }\n      peers { ...OutlierScoreFields }\n    }\n  }\n"): (typeof documents)["\n  query ValueChecks($submissionId: ID!) {\n    valueChecks(submissionId: $submissionId) {\n      valueKey labelVi labelEn value outlier peersPeriodCode\n      history { ...OutlierScoreFields }\n      peers { ...OutlierScoreFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DataQualityOutliers($periodCode: String!, $templateCode: String!) {\n    dataQualityOutliers(periodCode: $periodCode, templateCode: $templateCode) {\n      submissionId centreId centreCode centreName centreType valueKey labelVi labelEn value openFlagId\n      history { ...OutlierScoreFields }\n      peers { ...OutlierScoreFields }\n    }\n  }\n"): (typeof documents)["\n  query DataQualityOutliers($periodCode: String!, $templateCode: String!) {\n    dataQualityOutliers(periodCode: $periodCode, templateCode: $templateCode) {\n      submissionId centreId centreCode centreName centreType valueKey labelVi labelEn value openFlagId\n      history { ...OutlierScoreFields }\n      peers { ...OutlierScoreFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DataQualityFlags($status: String) {\n    dataQualityFlags(status: $status) { id submissionId centreId centreName templateCode periodCode valueKey labelVi labelEn value note status flaggedAt resolution resolvedAt }\n  }\n"): (typeof documents)["\n  query DataQualityFlags($status: String) {\n    dataQualityFlags(status: $status) { id submissionId centreId centreName templateCode periodCode valueKey labelVi labelEn value note status flaggedAt resolution resolvedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LikelyDuplicateCentres { likelyDuplicateCentres { firstId firstCode firstName secondId secondCode secondName reason } }\n"): (typeof documents)["\n  query LikelyDuplicateCentres { likelyDuplicateCentres { firstId firstCode firstName secondId secondCode secondName reason } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FlagValue($input: FlagValueInput!) { flagValue(input: $input) { id status } }\n"): (typeof documents)["\n  mutation FlagValue($input: FlagValueInput!) { flagValue(input: $input) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveDataQualityFlag($id: ID!, $resolution: String!) { resolveDataQualityFlag(id: $id, resolution: $resolution) { id status resolution resolvedAt } }\n"): (typeof documents)["\n  mutation ResolveDataQualityFlag($id: ID!, $resolution: String!) { resolveDataQualityFlag(id: $id, resolution: $resolution) { id status resolution resolvedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MinistryLayouts { ministryLayouts { code version system nameVi nameEn official noteVi templateCode rowsPer } }\n"): (typeof documents)["\n  query MinistryLayouts { ministryLayouts { code version system nameVi nameEn official noteVi templateCode rowsPer } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MinistryCodes($kind: String!) { ministryCodes(kind: $kind) { id code name ministryCode } }\n"): (typeof documents)["\n  query MinistryCodes($kind: String!) { ministryCodes(kind: $kind) { id code name ministryCode } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMinistryCode($input: SetMinistryCodeInput!) { setMinistryCode(input: $input) { id ministryCode } }\n"): (typeof documents)["\n  mutation SetMinistryCode($input: SetMinistryCodeInput!) { setMinistryCode(input: $input) { id ministryCode } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnitBoundaries { unitBoundaries { geojson schematic noteVi units missing } }\n"): (typeof documents)["\n  query UnitBoundaries { unitBoundaries { geojson schematic noteVi units missing } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DocumentSettings {\n    documentSettings { governingBody issuingBody symbol place signerAuthority signerTitle signerName recipients isDefault version updatedAt }\n  }\n"): (typeof documents)["\n  query DocumentSettings {\n    documentSettings { governingBody issuingBody symbol place signerAuthority signerTitle signerName recipients isDefault version updatedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveDocumentSettings($input: DocumentSettingsInput!) {\n    saveDocumentSettings(input: $input) { governingBody issuingBody symbol place signerAuthority signerTitle signerName recipients isDefault version updatedAt }\n  }\n"): (typeof documents)["\n  mutation SaveDocumentSettings($input: DocumentSettingsInput!) {\n    saveDocumentSettings(input: $input) { governingBody issuingBody symbol place signerAuthority signerTitle signerName recipients isDefault version updatedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyReportSubscriptions { myReportSubscriptions { id frequency active lastDeliveryPeriod lastDeliveryStatus lastSentAt } }\n"): (typeof documents)["\n  query MyReportSubscriptions { myReportSubscriptions { id frequency active lastDeliveryPeriod lastDeliveryStatus lastSentAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetReportSubscription($frequency: ReportFrequency!, $active: Boolean!) {\n    setReportSubscription(frequency: $frequency, active: $active) { id frequency active lastDeliveryPeriod lastDeliveryStatus lastSentAt }\n  }\n"): (typeof documents)["\n  mutation SetReportSubscription($frequency: ReportFrequency!, $active: Boolean!) {\n    setReportSubscription(frequency: $frequency, active: $active) { id frequency active lastDeliveryPeriod lastDeliveryStatus lastSentAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiteracyParameterSetFields on LiteracyParameterSetDto {\n    version\n    source\n    validFrom\n    validTo\n    legalBasis\n    definitionJson\n  }\n"): (typeof documents)["\n  fragment LiteracyParameterSetFields on LiteracyParameterSetDto {\n    version\n    source\n    validFrom\n    validTo\n    legalBasis\n    definitionJson\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiteracyParameterSets {\n    literacyParameterSets { ...LiteracyParameterSetFields }\n  }\n"): (typeof documents)["\n  query LiteracyParameterSets {\n    literacyParameterSets { ...LiteracyParameterSetFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetLiteracyParameters($input: SetLiteracyParametersInput!) {\n    setLiteracyParameters(input: $input) { ...LiteracyParameterSetFields }\n  }\n"): (typeof documents)["\n  mutation SetLiteracyParameters($input: SetLiteracyParametersInput!) {\n    setLiteracyParameters(input: $input) { ...LiteracyParameterSetFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LearningSocietyTargetFields on LearningSocietyTargetDto { code year targetPct nameVi nameEn legalBasis source }\n"): (typeof documents)["\n  fragment LearningSocietyTargetFields on LearningSocietyTargetDto { code year targetPct nameVi nameEn legalBasis source }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CommuneDbkkFields on CommuneDbkkDto { unitId validFrom validTo decisionRef }\n"): (typeof documents)["\n  fragment CommuneDbkkFields on CommuneDbkkDto { unitId validFrom validTo decisionRef }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LearningSocietyTargets {\n    learningSocietyTargets { ...LearningSocietyTargetFields }\n  }\n"): (typeof documents)["\n  query LearningSocietyTargets {\n    learningSocietyTargets { ...LearningSocietyTargetFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetLearningSocietyTarget($input: SetLearningSocietyTargetInput!) {\n    setLearningSocietyTarget(input: $input) { ...LearningSocietyTargetFields }\n  }\n"): (typeof documents)["\n  mutation SetLearningSocietyTarget($input: SetLearningSocietyTargetInput!) {\n    setLearningSocietyTarget(input: $input) { ...LearningSocietyTargetFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CommuneDbkk {\n    communeDbkk { ...CommuneDbkkFields }\n  }\n"): (typeof documents)["\n  query CommuneDbkk {\n    communeDbkk { ...CommuneDbkkFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCommuneDbkk($input: SetCommuneDbkkInput!) {\n    setCommuneDbkk(input: $input) { ...CommuneDbkkFields }\n  }\n"): (typeof documents)["\n  mutation SetCommuneDbkk($input: SetCommuneDbkkInput!) {\n    setCommuneDbkk(input: $input) { ...CommuneDbkkFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SettingsUnits {\n    administrativeUnits { id name level parentId }\n  }\n"): (typeof documents)["\n  query SettingsUnits {\n    administrativeUnits { id name level parentId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VisualizerValueFields on IndicatorValue {\n    code nameVi nameEn unit value numerator denominator periodCode unitId unitName areaId areaName centreType ownership centreCount\n    coverage { reporting expected }\n  }\n"): (typeof documents)["\n  fragment VisualizerValueFields on IndicatorValue {\n    code nameVi nameEn unit value numerator denominator periodCode unitId unitName areaId areaName centreType ownership centreCount\n    coverage { reporting expected }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VisualizerIndicators { indicatorDefinitions { code nameVi nameEn unit templateCodes } }\n"): (typeof documents)["\n  query VisualizerIndicators { indicatorDefinitions { code nameVi nameEn unit templateCodes } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VisualizerValues($cells: IndicatorQuery!, $rowTotals: IndicatorQuery!, $columnTotals: IndicatorQuery!, $grandTotals: IndicatorQuery!, $byDimension: Boolean!) {\n    cells: indicatorValues(query: $cells) { ...VisualizerValueFields }\n    rowTotals: indicatorValues(query: $rowTotals) { ...VisualizerValueFields }\n    columnTotals: indicatorValues(query: $columnTotals) @include(if: $byDimension) { ...VisualizerValueFields }\n    grandTotals: indicatorValues(query: $grandTotals) @include(if: $byDimension) { ...VisualizerValueFields }\n  }\n"): (typeof documents)["\n  query VisualizerValues($cells: IndicatorQuery!, $rowTotals: IndicatorQuery!, $columnTotals: IndicatorQuery!, $grandTotals: IndicatorQuery!, $byDimension: Boolean!) {\n    cells: indicatorValues(query: $cells) { ...VisualizerValueFields }\n    rowTotals: indicatorValues(query: $rowTotals) { ...VisualizerValueFields }\n    columnTotals: indicatorValues(query: $columnTotals) @include(if: $byDimension) { ...VisualizerValueFields }\n    grandTotals: indicatorValues(query: $grandTotals) @include(if: $byDimension) { ...VisualizerValueFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VisualizationFavouriteFields on VisualizationFavourite {\n    id name createdAt updatedAt definition { indicatorCodes dimension relativePeriod centreType layout }\n  }\n"): (typeof documents)["\n  fragment VisualizationFavouriteFields on VisualizationFavourite {\n    id name createdAt updatedAt definition { indicatorCodes dimension relativePeriod centreType layout }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyVisualizations { myVisualizations { ...VisualizationFavouriteFields } }\n"): (typeof documents)["\n  query MyVisualizations { myVisualizations { ...VisualizationFavouriteFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveVisualization($input: SaveVisualizationInput!) { saveVisualization(input: $input) { ...VisualizationFavouriteFields } }\n"): (typeof documents)["\n  mutation SaveVisualization($input: SaveVisualizationInput!) { saveVisualization(input: $input) { ...VisualizationFavouriteFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteVisualization($id: ID!) { deleteVisualization(id: $id) }\n"): (typeof documents)["\n  mutation DeleteVisualization($id: ID!) { deleteVisualization(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VisualizerCellCentres($query: IndicatorQuery!) {\n    indicatorValues(query: $query) {\n      code value numerator denominator periodCode unitId unitName areaId areaName centreType ownership centreId centreName centreCount\n      coverage { reporting expected } computedAt\n    }\n  }\n"): (typeof documents)["\n  query VisualizerCellCentres($query: IndicatorQuery!) {\n    indicatorValues(query: $query) {\n      code value numerator denominator periodCode unitId unitName areaId areaName centreType ownership centreId centreName centreCount\n      coverage { reporting expected } computedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnitsAsOf($asOf: Date) {\n    administrativeUnits(asOf: $asOf) { id code name level parentId validFrom validTo predecessorIds successorIds centreCount }\n  }\n"): (typeof documents)["\n  query UnitsAsOf($asOf: Date) {\n    administrativeUnits(asOf: $asOf) { id code name level parentId validFrom validTo predecessorIds successorIds centreCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProvinceMergers {\n    provinceMergers { id survivorProvinceId survivorName absorbedProvinceId absorbedName effectiveDate legalBasis centresMoved }\n  }\n"): (typeof documents)["\n  query ProvinceMergers {\n    provinceMergers { id survivorProvinceId survivorName absorbedProvinceId absorbedName effectiveDate legalBasis centresMoved }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Reorganisations {\n    reorganisations {\n      id code name effectiveDate legalBasis\n      successions { successor { id code name level validFrom } predecessors { id code name level validFrom validTo } }\n    }\n  }\n"): (typeof documents)["\n  query Reorganisations {\n    reorganisations {\n      id code name effectiveDate legalBasis\n      successions { successor { id code name level validFrom } predecessors { id code name level validFrom validTo } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCentre($input: CreateCentreInput!) { createCentre(input: $input) { id code name } }\n"): (typeof documents)["\n  mutation CreateCentre($input: CreateCentreInput!) { createCentre(input: $input) { id code name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCentre($input: UpdateCentreInput!) { updateCentre(input: $input) { ...CentreDetailFields } }\n"): (typeof documents)["\n  mutation UpdateCentre($input: UpdateCentreInput!) { updateCentre(input: $input) { ...CentreDetailFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeCentreStatus($input: ChangeCentreStatusInput!) { changeCentreStatus(input: $input) { ...CentreDetailFields } }\n"): (typeof documents)["\n  mutation ChangeCentreStatus($input: ChangeCentreStatusInput!) { changeCentreStatus(input: $input) { ...CentreDetailFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordLicence($input: RecordLicenceInput!) { recordLicence(input: $input) { ...LicenceRecordFields } }\n"): (typeof documents)["\n  mutation RecordLicence($input: RecordLicenceInput!) { recordLicence(input: $input) { ...LicenceRecordFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment IndicatorValueFields on IndicatorValue {\n    code nameVi nameEn unit value numerator denominator centreCount computedAt periodCode\n  }\n"): (typeof documents)["\n  fragment IndicatorValueFields on IndicatorValue {\n    code nameVi nameEn unit value numerator denominator centreCount computedAt periodCode\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProvinceOverview($periodCode: String!) {\n    provinceOverview(periodCode: $periodCode) {\n      periodCode computedAt\n      submissionsByStatus { key count }\n      indicators { change previousPeriodCode current { ...IndicatorValueFields } previous { ...IndicatorValueFields } }\n    }\n  }\n"): (typeof documents)["\n  query ProvinceOverview($periodCode: String!) {\n    provinceOverview(periodCode: $periodCode) {\n      periodCode computedAt\n      submissionsByStatus { key count }\n      indicators { change previousPeriodCode current { ...IndicatorValueFields } previous { ...IndicatorValueFields } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ComplianceOverview {\n    complianceOverview {\n      asOf centreCount\n      byStatus { status centres }\n      worstCentres { centreId centreCode centreName status openFindings highFindings }\n    }\n  }\n"): (typeof documents)["\n  query ComplianceOverview {\n    complianceOverview {\n      asOf centreCount\n      byStatus { status centres }\n      worstCentres { centreId centreCode centreName status openFindings highFindings }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CentreComplianceFields on CentreCompliance {\n    asOf status openFindingCount\n    openFindings { id ruleCode titleVi titleEn legalBasisVi severity status foundOn }\n  }\n"): (typeof documents)["\n  fragment CentreComplianceFields on CentreCompliance {\n    asOf status openFindingCount\n    openFindings { id ruleCode titleVi titleEn legalBasisVi severity status foundOn }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CentreCompliance($centreId: ID!) { centreCompliance(centreId: $centreId) { ...CentreComplianceFields } }\n"): (typeof documents)["\n  query CentreCompliance($centreId: ID!) { centreCompliance(centreId: $centreId) { ...CentreComplianceFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications($first: Int) {\n    notifications(first: $first) { totalCount nodes { id kind titleVi bodyVi titleEn bodyEn link readAt createdAt } }\n  }\n"): (typeof documents)["\n  query Notifications($first: Int) {\n    notifications(first: $first) { totalCount nodes { id kind titleVi bodyVi titleEn bodyEn link readAt createdAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportingRates($templateCode: String!, $periodFrom: String!, $periodTo: String, $groupBy: [IndicatorGroupBy!], $asOf: Date) {\n    reportingRates(templateCode: $templateCode, periodFrom: $periodFrom, periodTo: $periodTo, groupBy: $groupBy, asOf: $asOf) {\n      unitId unitName areaId areaName periodCode expected notDue submitted onTime late returned missing accepted submittedRate onTimeRate computedAt\n    }\n  }\n"): (typeof documents)["\n  query ReportingRates($templateCode: String!, $periodFrom: String!, $periodTo: String, $groupBy: [IndicatorGroupBy!], $asOf: Date) {\n    reportingRates(templateCode: $templateCode, periodFrom: $periodFrom, periodTo: $periodTo, groupBy: $groupBy, asOf: $asOf) {\n      unitId unitName areaId areaName periodCode expected notDue submitted onTime late returned missing accepted submittedRate onTimeRate computedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GroupedIndicatorValues($query: IndicatorQuery!) {\n    indicatorValues(query: $query) {\n      code nameVi nameEn unit value centreCount unitId unitName areaId areaName centreType coverage { reporting expected }\n    }\n  }\n"): (typeof documents)["\n  query GroupedIndicatorValues($query: IndicatorQuery!) {\n    indicatorValues(query: $query) {\n      code nameVi nameEn unit value centreCount unitId unitName areaId areaName centreType coverage { reporting expected }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ComplianceGroups($groupBy: ComplianceGroupBy) {\n    complianceOverview(groupBy: $groupBy) {\n      asOf centreCount\n      groups { unitId areaId centreType name centreCount compliant atRisk nonCompliant openFindings highFindings }\n    }\n  }\n"): (typeof documents)["\n  query ComplianceGroups($groupBy: ComplianceGroupBy) {\n    complianceOverview(groupBy: $groupBy) {\n      asOf centreCount\n      groups { unitId areaId centreType name centreCount compliant atRisk nonCompliant openFindings highFindings }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AttentionUnitFields on AttentionUnit {\n    kind id name centreCount expected notDue onTime late missing returned submitted waitingReview onTimeRate submittedRate missingOrLate reviewPath\n  }\n"): (typeof documents)["\n  fragment AttentionUnitFields on AttentionUnit {\n    kind id name centreCount expected notDue onTime late missing returned submitted waitingReview onTimeRate submittedRate missingOrLate reviewPath\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProvinceLanding {\n    reportingAtAGlance { ...ReportingGlanceFields needsAction(first: 20) { ...GlanceItemFields } }\n    centreCounts { asOf total byType { key count } byStatus { key count } byLicenceStatus { key count } }\n    areasNeedingAttention(first: 5) { asOf areas { ...AttentionUnitFields } communes { ...AttentionUnitFields } }\n    landingResults {\n      asOf\n      results {\n        code nameVi nameEn unit periodCode previousPeriodCode fromRollups\n        current { value centreCount coverage { reporting expected } computedAt }\n        likeForLike { centres value previousValue change computedAt }\n        trend { periodCode value coverage { reporting expected } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProvinceLanding {\n    reportingAtAGlance { ...ReportingGlanceFields needsAction(first: 20) { ...GlanceItemFields } }\n    centreCounts { asOf total byType { key count } byStatus { key count } byLicenceStatus { key count } }\n    areasNeedingAttention(first: 5) { asOf areas { ...AttentionUnitFields } communes { ...AttentionUnitFields } }\n    landingResults {\n      asOf\n      results {\n        code nameVi nameEn unit periodCode previousPeriodCode fromRollups\n        current { value centreCount coverage { reporting expected } computedAt }\n        likeForLike { centres value previousValue change computedAt }\n        trend { periodCode value coverage { reporting expected } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationList($first: Int, $after: String, $unreadOnly: Boolean) {\n    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n      totalCount\n      pageInfo { endCursor hasNextPage }\n      nodes { id kind titleVi bodyVi titleEn bodyEn link readAt createdAt }\n    }\n    unreadNotificationCount\n  }\n"): (typeof documents)["\n  query NotificationList($first: Int, $after: String, $unreadOnly: Boolean) {\n    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n      totalCount\n      pageInfo { endCursor hasNextPage }\n      nodes { id kind titleVi bodyVi titleEn bodyEn link readAt createdAt }\n    }\n    unreadNotificationCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadNotificationCount { unreadNotificationCount }\n"): (typeof documents)["\n  query UnreadNotificationCount { unreadNotificationCount }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkAllNotificationsRead { markAllNotificationsRead }\n"): (typeof documents)["\n  mutation MarkAllNotificationsRead { markAllNotificationsRead }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HeatmapCell($templateCode: String!, $periodCode: String!, $unitId: ID!) {\n    reportingRates(templateCode: $templateCode, periodFrom: $periodCode, periodTo: $periodCode, unitId: $unitId, groupBy: [CENTRE]) {\n      centreId expected notDue submitted onTime late returned missing accepted\n    }\n    submissions(filter: { templateCode: $templateCode, periodId: $periodCode, unitId: $unitId }, first: 200) {\n      nodes { id centreId status submittedAt dueDate }\n    }\n    centres(filter: { unitId: $unitId }, first: 200) {\n      nodes { id code name }\n    }\n  }\n"): (typeof documents)["\n  query HeatmapCell($templateCode: String!, $periodCode: String!, $unitId: ID!) {\n    reportingRates(templateCode: $templateCode, periodFrom: $periodCode, periodTo: $periodCode, unitId: $unitId, groupBy: [CENTRE]) {\n      centreId expected notDue submitted onTime late returned missing accepted\n    }\n    submissions(filter: { templateCode: $templateCode, periodId: $periodCode, unitId: $unitId }, first: 200) {\n      nodes { id centreId status submittedAt dueDate }\n    }\n    centres(filter: { unitId: $unitId }, first: 200) {\n      nodes { id code name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserFields on UserInfo { id username fullName role permissions scope scopeName scopeEndedOn areaId centreId unitId provinceId email active language }\n"): (typeof documents)["\n  fragment UserFields on UserInfo { id username fullName role permissions scope scopeName scopeEndedOn areaId centreId unitId provinceId email active language }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { accessToken refreshToken expiresIn totpEnrolmentRequired user { ...UserFields } }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { accessToken refreshToken expiresIn totpEnrolmentRequired user { ...UserFields } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me { me { ...UserFields } myTotp { enabled requiredByProvince } unreadNotificationCount }\n"): (typeof documents)["\n  query Me { me { ...UserFields } myTotp { enabled requiredByProvince } unreadNotificationCount }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdministrativeUnitFields on AdministrativeUnit { id code name level parentId }\n"): (typeof documents)["\n  fragment AdministrativeUnitFields on AdministrativeUnit { id code name level parentId }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdministrativeUnits($parentId: ID) { administrativeUnits(parentId: $parentId) { ...AdministrativeUnitFields } }\n"): (typeof documents)["\n  query AdministrativeUnits($parentId: ID) { administrativeUnits(parentId: $parentId) { ...AdministrativeUnitFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CentreSummaryFields on Centre { id code name type status licenceStatus ownership address adminUnit { id name } }\n"): (typeof documents)["\n  fragment CentreSummaryFields on Centre { id code name type status licenceStatus ownership address adminUnit { id name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Centres($filter: CentreFilter, $first: Int, $after: String) {\n    centres(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { endCursor hasNextPage }\n      nodes { ...CentreSummaryFields }\n    }\n  }\n"): (typeof documents)["\n  query Centres($filter: CentreFilter, $first: Int, $after: String) {\n    centres(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { endCursor hasNextPage }\n      nodes { ...CentreSummaryFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LicenceRecordFields on LicenceRecord { id kind decisionNumber decidedOn issuer holderName state validFrom validTo note }\n"): (typeof documents)["\n  fragment LicenceRecordFields on LicenceRecord { id kind decisionNumber decidedOn issuer holderName state validFrom validTo note }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CentreDetailFields on Centre {\n    ...CentreSummaryFields\n    email phone establishedOn statusSince supervisingUnitId version\n    licences { ...LicenceRecordFields }\n    statusHistory { status validFrom validTo reason decisionRef }\n  }\n"): (typeof documents)["\n  fragment CentreDetailFields on Centre {\n    ...CentreSummaryFields\n    email phone establishedOn statusSince supervisingUnitId version\n    licences { ...LicenceRecordFields }\n    statusHistory { status validFrom validTo reason decisionRef }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Centre($id: ID!) { centre(id: $id) { ...CentreDetailFields } }\n"): (typeof documents)["\n  query Centre($id: ID!) { centre(id: $id) { ...CentreDetailFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { ...UserFields } }\n  }\n"): (typeof documents)["\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { ...UserFields } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { ...UserFields } }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { ...UserFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { ...UserFields } }\n"): (typeof documents)["\n  mutation UpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { ...UserFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveUserFromMergedProvince($userId: ID!) { moveUserFromMergedProvince(userId: $userId) { ...UserFields } }\n"): (typeof documents)["\n  mutation MoveUserFromMergedProvince($userId: ID!) { moveUserFromMergedProvince(userId: $userId) { ...UserFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignRole($input: AssignRoleInput!) { assignRole(input: $input) { ...UserFields } }\n"): (typeof documents)["\n  mutation AssignRole($input: AssignRoleInput!) { assignRole(input: $input) { ...UserFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SupervisoryAreasOn($asOf: Date) {\n    supervisoryAreas(asOf: $asOf) { id code name units { id } }\n  }\n"): (typeof documents)["\n  query SupervisoryAreasOn($asOf: Date) {\n    supervisoryAreas(asOf: $asOf) { id code name units { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMyLanguage($language: String!) { setMyLanguage(language: $language) { id language } }\n"): (typeof documents)["\n  mutation SetMyLanguage($language: String!) { setMyLanguage(language: $language) { id language } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DueReportFields on DueReport {\n    centreId templateCode templateVersion templateNameVi templateNameEn periodCode periodType periodLabelVi periodLabelEn\n    dueDate extended status daysLeft submissionId submissionVersion\n  }\n"): (typeof documents)["\n  fragment DueReportFields on DueReport {\n    centreId templateCode templateVersion templateNameVi templateNameEn periodCode periodType periodLabelVi periodLabelEn\n    dueDate extended status daysLeft submissionId submissionVersion\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DueReports($centreId: ID!) { dueReports(centreId: $centreId) { ...DueReportFields } }\n"): (typeof documents)["\n  query DueReports($centreId: ID!) { dueReports(centreId: $centreId) { ...DueReportFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CentreHome($centreId: ID!) {\n    dueReports(centreId: $centreId) { ...DueReportFields calendarStatus daysLate }\n    centre(id: $centreId) { ...CentreDetailFields }\n    centreCompliance(centreId: $centreId) { ...CentreComplianceFields }\n  }\n"): (typeof documents)["\n  query CentreHome($centreId: ID!) {\n    dueReports(centreId: $centreId) { ...DueReportFields calendarStatus daysLate }\n    centre(id: $centreId) { ...CentreDetailFields }\n    centreCompliance(centreId: $centreId) { ...CentreComplianceFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReportingGlanceFields on ReportingAtAGlance {\n    asOf centreCount needsActionCount computedAt\n    totals { expected notDue onTime late returned missing submitted waitingReview submittedRate onTimeRate }\n    periods {\n      templateCode templateNameVi templateNameEn periodCode periodLabelVi periodLabelEn dueDate\n      expected notDue onTime late returned missing submitted waitingReview submittedRate onTimeRate\n    }\n  }\n"): (typeof documents)["\n  fragment ReportingGlanceFields on ReportingAtAGlance {\n    asOf centreCount needsActionCount computedAt\n    totals { expected notDue onTime late returned missing submitted waitingReview submittedRate onTimeRate }\n    periods {\n      templateCode templateNameVi templateNameEn periodCode periodLabelVi periodLabelEn dueDate\n      expected notDue onTime late returned missing submitted waitingReview submittedRate onTimeRate\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GlanceItemFields on GlanceItem {\n    centreId centreName templateCode templateNameVi templateNameEn periodCode periodLabelVi periodLabelEn dueDate\n    reportClass days waitingReview submissionId submissionStatus\n  }\n"): (typeof documents)["\n  fragment GlanceItemFields on GlanceItem {\n    centreId centreName templateCode templateNameVi templateNameEn periodCode periodLabelVi periodLabelEn dueDate\n    reportClass days waitingReview submissionId submissionStatus\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AreaAtAGlance { reportingAtAGlance { ...ReportingGlanceFields needsAction(first: 100) { ...GlanceItemFields } } }\n"): (typeof documents)["\n  query AreaAtAGlance { reportingAtAGlance { ...ReportingGlanceFields needsAction(first: 100) { ...GlanceItemFields } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportTemplate($code: String!, $version: Int) {\n    reportTemplate(code: $code, version: $version) { code version nameVi nameEn definition }\n  }\n"): (typeof documents)["\n  query ReportTemplate($code: String!, $version: Int) {\n    reportTemplate(code: $code, version: $version) { code version nameVi nameEn definition }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ValidationIssueFields on ValidationIssueDto { ruleCode severity fields messageVi messageEn explainable }\n"): (typeof documents)["\n  fragment ValidationIssueFields on ValidationIssueDto { ruleCode severity fields messageVi messageEn explainable }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SubmissionSummaryFields on Submission {\n    id centreId centreCode centreName templateCode templateVersion periodCode periodLabelVi status version dueDate submittedAt\n    acceptedAt updatedAt canReview\n    lateness { nextDeadline daysLateIfSubmittedToday lastSubmissionDaysLate lastSubmissionLateReason }\n  }\n"): (typeof documents)["\n  fragment SubmissionSummaryFields on Submission {\n    id centreId centreCode centreName templateCode templateVersion periodCode periodLabelVi status version dueDate submittedAt\n    acceptedAt updatedAt canReview\n    lateness { nextDeadline daysLateIfSubmittedToday lastSubmissionDaysLate lastSubmissionLateReason }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SubmissionDetailFields on Submission {\n    ...SubmissionSummaryFields\n    values explanations\n    issues { ...ValidationIssueFields }\n    events { id action fromStatus toStatus submissionVersion actorName comment fieldComments { field comment } at }\n    versions { number templateVersion values submittedAt }\n  }\n"): (typeof documents)["\n  fragment SubmissionDetailFields on Submission {\n    ...SubmissionSummaryFields\n    values explanations\n    issues { ...ValidationIssueFields }\n    events { id action fromStatus toStatus submissionVersion actorName comment fieldComments { field comment } at }\n    versions { number templateVersion values submittedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Submission($id: ID!) { submission(id: $id) { ...SubmissionDetailFields } }\n"): (typeof documents)["\n  query Submission($id: ID!) { submission(id: $id) { ...SubmissionDetailFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Submissions($filter: SubmissionFilter, $first: Int, $after: String, $withChecks: Boolean = false) {\n    submissions(filter: $filter, first: $first, after: $after) {\n      totalCount pageInfo { endCursor hasNextPage }\n      nodes { ...SubmissionSummaryFields checks @include(if: $withChecks) { errors warnings unexplainedWarnings } }\n    }\n  }\n"): (typeof documents)["\n  query Submissions($filter: SubmissionFilter, $first: Int, $after: String, $withChecks: Boolean = false) {\n    submissions(filter: $filter, first: $first, after: $after) {\n      totalCount pageInfo { endCursor hasNextPage }\n      nodes { ...SubmissionSummaryFields checks @include(if: $withChecks) { errors warnings unexplainedWarnings } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveSubmissionDraft($input: SaveSubmissionDraftInput!) {\n    saveSubmissionDraft(input: $input) {\n      changed\n      issues { ...ValidationIssueFields }\n      submission { ...SubmissionDetailFields }\n    }\n  }\n"): (typeof documents)["\n  mutation SaveSubmissionDraft($input: SaveSubmissionDraftInput!) {\n    saveSubmissionDraft(input: $input) {\n      changed\n      issues { ...ValidationIssueFields }\n      submission { ...SubmissionDetailFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitSubmission($id: ID!, $expectedVersion: Int!, $lateReason: String) {\n    submitSubmission(id: $id, expectedVersion: $expectedVersion, lateReason: $lateReason) { ...SubmissionDetailFields }\n  }\n"): (typeof documents)["\n  mutation SubmitSubmission($id: ID!, $expectedVersion: Int!, $lateReason: String) {\n    submitSubmission(id: $id, expectedVersion: $expectedVersion, lateReason: $lateReason) { ...SubmissionDetailFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReturnSubmission($id: ID!, $expectedVersion: Int!, $comment: String!, $fieldComments: [FieldCommentInput!], $resubmitBy: String) {\n    returnSubmission(id: $id, expectedVersion: $expectedVersion, comment: $comment, fieldComments: $fieldComments, resubmitBy: $resubmitBy) {\n      ...SubmissionDetailFields\n    }\n  }\n"): (typeof documents)["\n  mutation ReturnSubmission($id: ID!, $expectedVersion: Int!, $comment: String!, $fieldComments: [FieldCommentInput!], $resubmitBy: String) {\n    returnSubmission(id: $id, expectedVersion: $expectedVersion, comment: $comment, fieldComments: $fieldComments, resubmitBy: $resubmitBy) {\n      ...SubmissionDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptSubmission($id: ID!, $expectedVersion: Int!) {\n    acceptSubmission(id: $id, expectedVersion: $expectedVersion) { ...SubmissionDetailFields }\n  }\n"): (typeof documents)["\n  mutation AcceptSubmission($id: ID!, $expectedVersion: Int!) {\n    acceptSubmission(id: $id, expectedVersion: $expectedVersion) { ...SubmissionDetailFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptSubmissions($items: [AcceptSubmissionItem!]!) {\n    acceptSubmissions(items: $items) {\n      accepted { id status version }\n      refused { id code reason messageVi messageEn }\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptSubmissions($items: [AcceptSubmissionItem!]!) {\n    acceptSubmissions(items: $items) {\n      accepted { id status version }\n      refused { id code reason messageVi messageEn }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyTotp { myTotp { enabled pending requiredByProvince } }\n"): (typeof documents)["\n  query MyTotp { myTotp { enabled pending requiredByProvince } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartTotpEnrolment { startTotpEnrolment { secret otpauthUri qrSvg } }\n"): (typeof documents)["\n  mutation StartTotpEnrolment { startTotpEnrolment { secret otpauthUri qrSvg } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmTotpEnrolment($code: String!) { confirmTotpEnrolment(input: { code: $code }) { enabled pending requiredByProvince } }\n"): (typeof documents)["\n  mutation ConfirmTotpEnrolment($code: String!) { confirmTotpEnrolment(input: { code: $code }) { enabled pending requiredByProvince } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableTotp($code: String!) { disableTotp(input: { code: $code }) { enabled pending requiredByProvince } }\n"): (typeof documents)["\n  mutation DisableTotp($code: String!) { disableTotp(input: { code: $code }) { enabled pending requiredByProvince } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProvinceSecurity { provinceSecurity { totpRequiredForAdmins } }\n"): (typeof documents)["\n  query ProvinceSecurity { provinceSecurity { totpRequiredForAdmins } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTotpRequiredForAdmins($required: Boolean!) { setTotpRequiredForAdmins(required: $required) { totpRequiredForAdmins } }\n"): (typeof documents)["\n  mutation SetTotpRequiredForAdmins($required: Boolean!) { setTotpRequiredForAdmins(required: $required) { totpRequiredForAdmins } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecurityEvents($first: Int, $before: ID) {\n    securityEvents(first: $first, before: $before) { id at action username actorName address role failures }\n  }\n"): (typeof documents)["\n  query SecurityEvents($first: Int, $before: ID) {\n    securityEvents(first: $first, before: $before) { id at action username actorName address role failures }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetUserTotp($userId: ID!) { resetUserTotp(userId: $userId) }\n"): (typeof documents)["\n  mutation ResetUserTotp($userId: ID!) { resetUserTotp(userId: $userId) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TemplateSummaryFields on ReportTemplate { code version nameVi nameEn centreTypes periodType national publishedAt definition }\n"): (typeof documents)["\n  fragment TemplateSummaryFields on ReportTemplate { code version nameVi nameEn centreTypes periodType national publishedAt definition }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportTemplates($centreType: CentreType) { reportTemplates(centreType: $centreType) { ...TemplateSummaryFields } }\n"): (typeof documents)["\n  query ReportTemplates($centreType: CentreType) { reportTemplates(centreType: $centreType) { ...TemplateSummaryFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TemplateDetail($code: String!, $version: Int) { reportTemplate(code: $code, version: $version) { ...TemplateSummaryFields } }\n"): (typeof documents)["\n  query TemplateDetail($code: String!, $version: Int) { reportTemplate(code: $code, version: $version) { ...TemplateSummaryFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TemplateVersions($code: String!) { reportTemplateVersions(code: $code) { code version nameVi national publishedAt } }\n"): (typeof documents)["\n  query TemplateVersions($code: String!) { reportTemplateVersions(code: $code) { code version nameVi national publishedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishReportTemplate($definition: JSON!) { publishReportTemplate(definition: $definition) { ...TemplateSummaryFields } }\n"): (typeof documents)["\n  mutation PublishReportTemplate($definition: JSON!) { publishReportTemplate(definition: $definition) { ...TemplateSummaryFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantExtension($input: GrantExtensionInput!) {\n    grantExtension(input: $input) { id centreId templateCode periodCode dueDate reason grantedAt grantedBy }\n  }\n"): (typeof documents)["\n  mutation GrantExtension($input: GrantExtensionInput!) {\n    grantExtension(input: $input) { id centreId templateCode periodCode dueDate reason grantedAt grantedBy }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CentreDeadlines($centreId: ID!) {\n    dueReports(centreId: $centreId) {\n      centreId templateCode templateNameVi templateNameEn periodCode periodLabelVi periodLabelEn periodEnd\n      dueDate regularDueDate extended status daysLeft\n    }\n  }\n"): (typeof documents)["\n  query CentreDeadlines($centreId: ID!) {\n    dueReports(centreId: $centreId) {\n      centreId templateCode templateNameVi templateNameEn periodCode periodLabelVi periodLabelEn periodEnd\n      dueDate regularDueDate extended status daysLeft\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CentreOptions($search: String, $first: Int) {\n    centres(filter: { search: $search }, first: $first) { totalCount nodes { id code name type } }\n  }\n"): (typeof documents)["\n  query CentreOptions($search: String, $first: Int) {\n    centres(filter: { search: $search }, first: $first) { totalCount nodes { id code name type } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;