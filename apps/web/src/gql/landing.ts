/**
 * The Sở's landing page in one request (issue 15 item 1, issue 16 item 9): the reporting calendar's picture of the
 * current periods (reportingAtAGlance) and the registry's counts (one `centres { totalCount }` alias per chart
 * bar; the API allows 20 aliases per document), in one operation with many root fields. Built at run time because the aliases are (as centreCountsDocument).
 */
import type { TypedDocumentNode } from '@apollo/client';
import type { DocumentNode } from 'graphql';
import { parse } from 'graphql';
import { GlanceItemFieldsFragmentDoc, ReportingGlanceFieldsFragmentDoc } from './__generated__/graphql';
import { centreCountSelections, type CentreFilter } from './org';
import type { ReportingGlance } from './reporting';

export type ProvinceLandingData = Record<string, { totalCount: number }> & { reportingAtAGlance: ReportingGlance };

export function provinceLandingDocument(aliases: { alias: string; filter: CentreFilter }[]): TypedDocumentNode<ProvinceLandingData, Record<string, never>> {
  const operation = parse(`
    query ProvinceLanding {
      reportingAtAGlance { ...ReportingGlanceFields needsAction(first: 20) { ...GlanceItemFields } }
      ${centreCountSelections(aliases)}
    }
  `);
  const fragments = [ReportingGlanceFieldsFragmentDoc, GlanceItemFieldsFragmentDoc].flatMap((d) => (d as DocumentNode).definitions);
  return { ...operation, definitions: [...operation.definitions, ...fragments] } as TypedDocumentNode<ProvinceLandingData, Record<string, never>>;
}
