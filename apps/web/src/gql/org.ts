/**
 * Typed GraphQL documents for identity and org (hand-written from apps/api/schema.gql: no codegen package is
 * installed). Keep the result types in step with the selections.
 */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { CentreStatus, CentreType, Role } from '@gdtx/domain';

export type LicenceStatus = 'VALID' | 'EXPIRING' | 'EXPIRED' | 'MISSING';
export type LicenceKind = 'ESTABLISHMENT' | 'OPERATING_PERMISSION' | 'DIRECTOR_RECOGNITION';

export interface UserInfo {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  permissions: string[];
  scope: 'centre' | 'unit' | 'province' | string;
  scopeName: string | null;
  centreId: string | null;
  unitId: string | null;
  provinceId: string;
  email: string | null;
  active: boolean;
}

const USER_FIELDS = 'id username fullName role permissions scope scopeName centreId unitId provinceId email active';

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: UserInfo;
}

export const LOGIN: TypedDocumentNode<{ login: AuthPayload }, { input: { username: string; password: string } }> = gql`
  mutation Login($input: LoginInput!) {
    login(input: $input) { accessToken refreshToken expiresIn user { ${USER_FIELDS} } }
  }
`;

export const ME: TypedDocumentNode<{ me: UserInfo }, Record<string, never>> = gql`
  query Me { me { ${USER_FIELDS} } }
`;

export interface AdministrativeUnit {
  id: string;
  code: string;
  name: string;
  level: string;
  parentId: string | null;
}

export const ADMINISTRATIVE_UNITS: TypedDocumentNode<{ administrativeUnits: AdministrativeUnit[] }, { parentId?: string | null }> = gql`
  query AdministrativeUnits($parentId: ID) { administrativeUnits(parentId: $parentId) { id code name level parentId } }
`;

export interface CentreSummary {
  id: string;
  code: string;
  name: string;
  type: CentreType;
  status: CentreStatus;
  licenceStatus: LicenceStatus;
  ownership: 'PUBLIC' | 'PRIVATE';
  address: string | null;
  adminUnit: { id: string; name: string } | null;
}

export interface CentreFilter {
  type?: CentreType | null;
  status?: CentreStatus | null;
  licenceStatus?: LicenceStatus | null;
  search?: string | null;
  unitId?: string | null;
  compliance?: CentreComplianceFilter | null;
}

/** Compliance of the centre list (CentreFilter.compliance): from the centre's open findings today. */
export type CentreComplianceFilter = 'HAS_OPEN_FINDINGS' | 'NON_COMPLIANT' | 'AT_RISK' | 'COMPLIANT';
export const CENTRE_COMPLIANCE_FILTERS: CentreComplianceFilter[] = ['HAS_OPEN_FINDINGS', 'NON_COMPLIANT', 'AT_RISK', 'COMPLIANT'];

export const CENTRES: TypedDocumentNode<
  { centres: { totalCount: number; nodes: CentreSummary[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } },
  { filter?: CentreFilter; first?: number; after?: string | null }
> = gql`
  query Centres($filter: CentreFilter, $first: Int, $after: String) {
    centres(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { endCursor hasNextPage }
      nodes { id code name type status licenceStatus ownership address adminUnit { id name } }
    }
  }
`;

/** Only the total: the dashboard asks one count per (dimension, value) through aliases built at run time. */
export function centreCountsDocument(aliases: { alias: string; filter: CentreFilter }[]): TypedDocumentNode<
  Record<string, { totalCount: number }>,
  Record<string, never>
> {
  const literal = (filter: CentreFilter) =>
    `{ ${Object.entries(filter)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `${k}: ${k === 'search' || k === 'unitId' ? JSON.stringify(v) : v}`)
      .join(', ')} }`;
  return gql`
    query CentreCounts {
      ${aliases.map((a) => `${a.alias}: centres(filter: ${literal(a.filter)}, first: 1) { totalCount }`).join('\n')}
    }
  `;
}

export interface LicenceRecord {
  id: string;
  kind: LicenceKind;
  decisionNumber: string;
  decidedOn: string;
  issuer: string;
  holderName: string | null;
  state: string;
  validFrom: string;
  validTo: string | null;
  note: string | null;
}

export interface CentreDetail extends CentreSummary {
  email: string | null;
  phone: string | null;
  establishedOn: string | null;
  statusSince: string;
  supervisingUnitId: string;
  version: number;
  licences: LicenceRecord[];
  statusHistory: { status: CentreStatus; validFrom: string; validTo: string | null; reason: string | null; decisionRef: string | null }[];
}

export const CENTRE: TypedDocumentNode<{ centre: CentreDetail }, { id: string }> = gql`
  query Centre($id: ID!) {
    centre(id: $id) {
      id code name type status licenceStatus ownership address email phone establishedOn statusSince supervisingUnitId version
      adminUnit { id name }
      licences { id kind decisionNumber decidedOn issuer holderName state validFrom validTo note }
      statusHistory { status validFrom validTo reason decisionRef }
    }
  }
`;

export const USERS: TypedDocumentNode<
  { users: { totalCount: number; nodes: UserInfo[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } },
  { first?: number; after?: string | null }
> = gql`
  query Users($first: Int, $after: String) {
    users(first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { ${USER_FIELDS} } }
  }
`;

export interface CreateUserInput {
  username: string;
  fullName: string;
  password: string;
  role: Role;
  email?: string | null;
  centreId?: string | null;
  unitId?: string | null;
}

export const CREATE_USER: TypedDocumentNode<{ createUser: UserInfo }, { input: CreateUserInput }> = gql`
  mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }
`;
