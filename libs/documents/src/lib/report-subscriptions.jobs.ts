/** The jobs documents runs (declared into platform's registry; the handler is report-subscriptions.handlers.ts). */
export interface DocumentsJobs {
  /** The scheduled reports due today (`today` for tests and replays; defaults to today in Vietnam). */
  'documents.send-scheduled-reports': { scheduled?: true; today?: string };
}

declare module '@gdtx/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- filled by declaration merging
  interface JobPayloads extends DocumentsJobs {}
}
