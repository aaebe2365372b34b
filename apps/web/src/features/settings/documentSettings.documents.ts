/**
 * GraphQL documents for the Sở's official-document settings (issue 15 item 5); the files themselves are REST
 * downloads (officialDocuments.ts). Types generated from apps/api/schema.gql (`npm run codegen`).
 */
import { graphql } from '../../gql/__generated__';
import type { DocumentSettingsQuery } from '../../gql/__generated__/graphql';

export const DOCUMENT_SETTINGS = graphql(`
  query DocumentSettings {
    documentSettings { governingBody issuingBody symbol place signerAuthority signerTitle signerName recipients isDefault version updatedAt }
  }
`);

export const SAVE_DOCUMENT_SETTINGS = graphql(`
  mutation SaveDocumentSettings($input: DocumentSettingsInput!) {
    saveDocumentSettings(input: $input) { governingBody issuingBody symbol place signerAuthority signerTitle signerName recipients isDefault version updatedAt }
  }
`);

export type DocumentSettingsRow = DocumentSettingsQuery['documentSettings'];

/** The Sở user's scheduled summary mails (issue 15 item 6). */
export const MY_REPORT_SUBSCRIPTIONS = graphql(`
  query MyReportSubscriptions { myReportSubscriptions { id frequency active lastDeliveryPeriod lastDeliveryStatus lastSentAt } }
`);

export const SET_REPORT_SUBSCRIPTION = graphql(`
  mutation SetReportSubscription($frequency: ReportFrequency!, $active: Boolean!) {
    setReportSubscription(frequency: $frequency, active: $active) { id frequency active lastDeliveryPeriod lastDeliveryStatus lastSentAt }
  }
`);
