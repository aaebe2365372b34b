/** The jobs reporting runs (declared into platform's registry; the handlers are in reporting.handlers.ts). */
export interface ReportingJobs {
  /** Every province's completeness rollup recomputed for a Vietnamese day (daily just after midnight, and on demand). */
  'reporting.refresh-status-rollup': { scheduled?: true; asOf?: string };
}

declare module '@gdtx/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- filled by declaration merging
  interface JobPayloads extends ReportingJobs {}
}
