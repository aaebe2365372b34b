/** The jobs analytics runs (declared into platform's registry; the handlers are in analytics.handlers.ts). */
export interface AnalyticsJobs {
  /** Every province's facts rebuilt from the accepted submissions (nightly, and on demand). */
  'analytics.rebuild-facts': { scheduled?: true };
  /** The facts compared with the accepted submissions, drift repaired and reported to the operators (every 10 min). */
  'analytics.check-facts': { scheduled?: true };
}

declare module '@gdtx/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- filled by declaration merging
  interface JobPayloads extends AnalyticsJobs {}
}
