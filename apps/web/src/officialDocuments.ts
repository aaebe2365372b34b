/** The REST addresses of the official documents (README "Official documents"), one place for the web app. */
export type DocumentFormat = 'docx' | 'pdf';

export const officialDocumentUrls = {
  provinceSummary: (periodCode: string, format: DocumentFormat) => `/api/documents/province-summary/${encodeURIComponent(periodCode)}.${format}`,
  submission: (submissionId: string, format: DocumentFormat) => `/api/documents/submissions/${encodeURIComponent(submissionId)}.${format}`,
};

/** The file name used when the server sends none (it always does: Content-Disposition). */
export function fallbackDocumentName(stem: string, format: DocumentFormat): string {
  return `${stem}.${format}`;
}
