/**
 * GraphQL documents for the centre registry and administrative units (Sở admin screens); result and variable
 * types are generated from apps/api/schema.gql (`npm run codegen`).
 */
import { graphql } from './__generated__';
import type {
  ChangeCentreStatusInput as GeneratedChangeCentreStatusInput,
  CreateCentreInput as GeneratedCreateCentreInput,
  RecordLicenceInput as GeneratedRecordLicenceInput,
  UnitLevel as GeneratedUnitLevel,
  ReorganisationsQuery,
  UnitsAsOfQuery,
  UpdateCentreInput as GeneratedUpdateCentreInput,
} from './__generated__/graphql';

export type UnitLevel = GeneratedUnitLevel;
export type UnitVersion = UnitsAsOfQuery['administrativeUnits'][number];
export type ReorganisationEvent = ReorganisationsQuery['reorganisations'][number];

/** Every unit of the province valid on `asOf` (default today): the page builds the tree from parentId. */
export const UNITS_AS_OF = graphql(`
  query UnitsAsOf($asOf: Date) {
    administrativeUnits(asOf: $asOf) { id code name level parentId validFrom validTo predecessorIds successorIds centreCount }
  }
`);

/** The province's merger history (issue 12 item 4): the provinces merged into the user's province, and when. */
export const PROVINCE_MERGERS = graphql(`
  query ProvinceMergers {
    provinceMergers { id survivorProvinceId survivorName absorbedProvinceId absorbedName effectiveDate legalBasis centresMoved }
  }
`);

/** The province's reorganisations as events (date, name, legal basis, units before → after). */
export const REORGANISATIONS = graphql(`
  query Reorganisations {
    reorganisations {
      id code name effectiveDate legalBasis
      successions { successor { id code name level validFrom } predecessors { id code name level validFrom validTo } }
    }
  }
`);

export type CreateCentreInput = GeneratedCreateCentreInput;

export const CREATE_CENTRE = graphql(`
  mutation CreateCentre($input: CreateCentreInput!) { createCentre(input: $input) { id code name } }
`);

export type UpdateCentreInput = GeneratedUpdateCentreInput;

/** Returns the whole centre as the centre page reads it, so Apollo's cache updates the page in place. */
export const UPDATE_CENTRE = graphql(`
  mutation UpdateCentre($input: UpdateCentreInput!) { updateCentre(input: $input) { ...CentreDetailFields } }
`);

export type ChangeCentreStatusInput = GeneratedChangeCentreStatusInput;

export const CHANGE_CENTRE_STATUS = graphql(`
  mutation ChangeCentreStatus($input: ChangeCentreStatusInput!) { changeCentreStatus(input: $input) { ...CentreDetailFields } }
`);

export type RecordLicenceInput = GeneratedRecordLicenceInput;

export const RECORD_LICENCE = graphql(`
  mutation RecordLicence($input: RecordLicenceInput!) { recordLicence(input: $input) { ...LicenceRecordFields } }
`);
