/** The jobs compliance runs (declared into platform's registry; the handlers are in compliance.handlers.ts). */
export interface ComplianceJobs {
  /** One centre (e.g. retried from the dashboard). asOf defaults to today (Vietnam). */
  'compliance.evaluate-centre': { centreId: string; asOf?: string };
  /** Every centre of every province (nightly). */
  'compliance.evaluate-all': { scheduled?: true; asOf?: string };
}

declare module '@gdtx/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- filled by declaration merging
  interface JobPayloads extends ComplianceJobs {}
}
