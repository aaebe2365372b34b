/** The jobs analytics runs (declared into platform's registry; the handlers are in analytics.handlers.ts). */
export interface AnalyticsJobs {
  /** Every province's facts rebuilt from the accepted submissions (nightly, and on demand). */
  'analytics.rebuild-facts': { scheduled?: true };
  /** The facts compared with the accepted submissions, drift repaired and reported to the operators (every 10 min). */
  'analytics.check-facts': { scheduled?: true };
  /** The rollups of the current periods recomputed (daily): coverage's expected count changes with the date alone. */
  'analytics.refresh-current-rollups': { scheduled?: true };
  /** One indicator's rollups of the job's province rebuilt after its definition was saved (a new version). */
  'analytics.rebuild-indicator-rollups': { code: string; version: number };
}

declare module '@gdtx/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- filled by declaration merging
  interface JobPayloads extends AnalyticsJobs {}
}
