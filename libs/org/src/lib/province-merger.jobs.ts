/** The jobs org runs (declared into platform's registry; the handler is in province-merger.service.ts). */
export interface OrgJobs {
  /** Daily: the mergers recorded ahead of their date whose date has come move their centres (ADR 0015). */
  'org.apply-due-province-mergers': { scheduled?: true; today?: string };
}

declare module '@gdtx/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- filled by declaration merging
  interface JobPayloads extends OrgJobs {}
}
