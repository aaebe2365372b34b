/**
 * Typed GraphQL documents for the centre registry and administrative units (Sở admin screens), hand-written
 * from apps/api/schema.gql. Every document is a static literal with a named operation (graphql-codegen ready).
 */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { CentreStatus, CentreType } from '@gdtx/domain';
import type { CentreDetail, LicenceKind, LicenceRecord } from './org';

export type UnitLevel = 'PROVINCE' | 'DISTRICT' | 'COMMUNE' | 'WARD' | 'SPECIAL_ZONE';

export interface UnitVersion {
  id: string;
  code: string;
  name: string;
  level: UnitLevel;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
  predecessorIds: string[];
  successorIds: string[];
}

/** Every unit of the province valid on `asOf` (default today): the page builds the tree from parentId. */
export const UNITS_AS_OF: TypedDocumentNode<{ administrativeUnits: UnitVersion[] }, { asOf?: string | null }> = gql`
  query UnitsAsOf($asOf: String) {
    administrativeUnits(asOf: $asOf) { id code name level parentId validFrom validTo predecessorIds successorIds }
  }
`;

/** The number of centres of a unit's subtree (located in it or supervised by it), as the list filter counts them. */
export const UNIT_CENTRE_COUNT: TypedDocumentNode<{ centres: { totalCount: number } }, { unitId: string }> = gql`
  query UnitCentreCount($unitId: ID!) {
    centres(filter: { unitId: $unitId }, first: 1) { totalCount }
  }
`;

export interface CreateCentreInput {
  code: string;
  name: string;
  type: CentreType;
  ownership: 'PUBLIC' | 'PRIVATE';
  adminUnitId: string;
  supervisingUnitId?: string | null;
  establishedOn?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
}

export const CREATE_CENTRE: TypedDocumentNode<{ createCentre: { id: string; code: string; name: string } }, { input: CreateCentreInput }> = gql`
  mutation CreateCentre($input: CreateCentreInput!) {
    createCentre(input: $input) { id code name }
  }
`;

export interface UpdateCentreInput {
  id: string;
  expectedVersion: number;
  name?: string | null;
  adminUnitId?: string | null;
  supervisingUnitId?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** Returns the whole centre as the centre page reads it, so Apollo's cache updates the page in place. */
export const UPDATE_CENTRE: TypedDocumentNode<{ updateCentre: CentreDetail }, { input: UpdateCentreInput }> = gql`
  mutation UpdateCentre($input: UpdateCentreInput!) {
    updateCentre(input: $input) {
      id code name type status licenceStatus ownership address email phone establishedOn statusSince supervisingUnitId version
      adminUnit { id name }
      licences { id kind decisionNumber decidedOn issuer holderName state validFrom validTo note }
      statusHistory { status validFrom validTo reason decisionRef }
    }
  }
`;

export interface ChangeCentreStatusInput {
  centreId: string;
  status: CentreStatus;
  effectiveFrom: string;
  reason?: string | null;
  decisionRef?: string | null;
}

export const CHANGE_CENTRE_STATUS: TypedDocumentNode<{ changeCentreStatus: CentreDetail }, { input: ChangeCentreStatusInput }> = gql`
  mutation ChangeCentreStatus($input: ChangeCentreStatusInput!) {
    changeCentreStatus(input: $input) {
      id code name type status licenceStatus ownership address email phone establishedOn statusSince supervisingUnitId version
      adminUnit { id name }
      licences { id kind decisionNumber decidedOn issuer holderName state validFrom validTo note }
      statusHistory { status validFrom validTo reason decisionRef }
    }
  }
`;

export interface RecordLicenceInput {
  centreId: string;
  kind: LicenceKind;
  decisionNumber: string;
  decidedOn: string;
  issuer: string;
  holderName?: string | null;
  validFrom: string;
  validTo?: string | null;
  note?: string | null;
}

export const RECORD_LICENCE: TypedDocumentNode<{ recordLicence: LicenceRecord }, { input: RecordLicenceInput }> = gql`
  mutation RecordLicence($input: RecordLicenceInput!) {
    recordLicence(input: $input) { id kind decisionNumber decidedOn issuer holderName state validFrom validTo note }
  }
`;
