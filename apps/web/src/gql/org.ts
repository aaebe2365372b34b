/**
 * GraphQL documents for identity and org. Result and variable types are generated from apps/api/schema.gql
 * (`npm run codegen`, apps/web/codegen.ts); the names below are the screens' vocabulary for them.
 */
import type { TypedDocumentNode } from '@apollo/client';
import { parse } from 'graphql';
import { graphql } from './__generated__';
import type {
  AdministrativeUnitFieldsFragment,
  CentreDetailFieldsFragment,
  CentreComplianceFilter as GeneratedCentreComplianceFilter,
  CentreFilter as GeneratedCentreFilter,
  CentreSummaryFieldsFragment,
  CreateUserInput as GeneratedCreateUserInput,
  LicenceKind as GeneratedLicenceKind,
  LicenceRecordFieldsFragment,
  LicenceStatus as GeneratedLicenceStatus,
  LoginMutation,
  UserFieldsFragment,
} from './__generated__/graphql';

export type LicenceStatus = GeneratedLicenceStatus;
export type LicenceKind = GeneratedLicenceKind;

export type UserInfo = UserFieldsFragment;

graphql(`
  fragment UserFields on UserInfo { id username fullName role permissions scope scopeName scopeEndedOn areaId centreId unitId provinceId email active language }
`);

export type AuthPayload = LoginMutation['login'];

export const LOGIN = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) { accessToken refreshToken expiresIn totpEnrolmentRequired user { ...UserFields } }
  }
`);

/**
 * Everything the shell needs on a page load, in one request (issue 16 item 9): who the user is, the second-factor
 * rule, and the bell's unread count (the bell then reads it from the cache). The count is refused to an admin who
 * must first enrol a second factor: the restore reads the document with errorPolicy 'all'.
 */
export const ME = graphql(`
  query Me { me { ...UserFields } myTotp { enabled requiredByProvince } unreadNotificationCount }
`);

export type AdministrativeUnit = AdministrativeUnitFieldsFragment;

graphql(`
  fragment AdministrativeUnitFields on AdministrativeUnit { id code name level parentId }
`);

export const ADMINISTRATIVE_UNITS = graphql(`
  query AdministrativeUnits($parentId: ID) { administrativeUnits(parentId: $parentId) { ...AdministrativeUnitFields } }
`);

graphql(`
  fragment CentreSummaryFields on Centre { id code name type status licenceStatus ownership address adminUnit { id name } }
`);

export type CentreSummary = CentreSummaryFieldsFragment;

export type CentreFilter = GeneratedCentreFilter;

/** Compliance of the centre list (CentreFilter.compliance): from the centre's open findings today. */
export type CentreComplianceFilter = GeneratedCentreComplianceFilter;
export const CENTRE_COMPLIANCE_FILTERS: CentreComplianceFilter[] = ['HAS_OPEN_FINDINGS', 'NON_COMPLIANT', 'AT_RISK', 'COMPLIANT'];

export const CENTRES = graphql(`
  query Centres($filter: CentreFilter, $first: Int, $after: String) {
    centres(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { endCursor hasNextPage }
      nodes { ...CentreSummaryFields }
    }
  }
`);

/** Only the total: the dashboard asks one count per (dimension, value) through aliases built at run time. */
export function centreCountsDocument(aliases: { alias: string; filter: CentreFilter }[]): TypedDocumentNode<
  Record<string, { totalCount: number }>,
  Record<string, never>
> {
  // Built at run time (one alias per chart bar), so parsed here rather than generated.
  return parse(`
    query CentreCounts {
      ${centreCountSelections(aliases)}
    }
  `);
}

/** The root selections of centreCountsDocument, for a document that asks them with other fields (the Sở's landing). */
export function centreCountSelections(aliases: { alias: string; filter: CentreFilter }[]): string {
  const literal = (filter: CentreFilter) =>
    `{ ${Object.entries(filter)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `${k}: ${k === 'search' || k === 'unitId' ? JSON.stringify(v) : v}`)
      .join(', ')} }`;
  return aliases.map((a) => `${a.alias}: centres(filter: ${literal(a.filter)}, first: 1) { totalCount }`).join('\n');
}

graphql(`
  fragment LicenceRecordFields on LicenceRecord { id kind decisionNumber decidedOn issuer holderName state validFrom validTo note }
`);

export type LicenceRecord = LicenceRecordFieldsFragment;

graphql(`
  fragment CentreDetailFields on Centre {
    ...CentreSummaryFields
    email phone establishedOn statusSince supervisingUnitId version
    licences { ...LicenceRecordFields }
    statusHistory { status validFrom validTo reason decisionRef }
  }
`);

export type CentreDetail = CentreDetailFieldsFragment;

export const CENTRE = graphql(`
  query Centre($id: ID!) { centre(id: $id) { ...CentreDetailFields } }
`);

export const USERS = graphql(`
  query Users($first: Int, $after: String) {
    users(first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { ...UserFields } }
  }
`);

export type CreateUserInput = GeneratedCreateUserInput;

export const CREATE_USER = graphql(`
  mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { ...UserFields } }
`);

export const UPDATE_USER = graphql(`
  mutation UpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { ...UserFields } }
`);

/** A user of a province merged into the caller's (ADR 0015): the Sở admin moves the account to its province. */
export const MOVE_USER_FROM_MERGED_PROVINCE = graphql(`
  mutation MoveUserFromMergedProvince($userId: ID!) { moveUserFromMergedProvince(userId: $userId) { ...UserFields } }
`);

export const ASSIGN_ROLE = graphql(`
  mutation AssignRole($input: AssignRoleInput!) { assignRole(input: $input) { ...UserFields } }
`);

/** The Sở's supervisory areas in force on a date, with their communes (grouping literacy results by area). */
export const SUPERVISORY_AREAS = graphql(`
  query SupervisoryAreasOn($asOf: Date) {
    supervisoryAreas(asOf: $asOf) { id code name units { id } }
  }
`);

/** The language chosen in the web, kept on the account (the e-mail digest is written in it). */
export const SET_MY_LANGUAGE = graphql(`
  mutation SetMyLanguage($language: String!) { setMyLanguage(language: $language) { id language } }
`);
