import { declareEvents } from '@gdtx/platform';

/**
 * The events org emits, each through the outbox in the transaction of the change (ids only: subscribers read the
 * centre's current state and its histories). Who subscribes is listed in docs/architecture.md ("Events").
 */
export interface OrgEvents {
  'centre.created': { centreId: string };
  /** Name, contact or units changed. */
  'centre.updated': { centreId: string };
  /** A status change was recorded (it may take effect on a later date: subscribers read the history by date). */
  'centre.status-changed': { centreId: string };
  /** A licence decision was recorded for the centre. */
  'licence.recorded': { centreId: string; licenceId: string };
}

declare module '@gdtx/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- filled by declaration merging
  interface EventPayloads extends OrgEvents {}
}

export const orgEvents = declareEvents<OrgEvents>('org', {
  'centre.created': true,
  'centre.updated': true,
  'centre.status-changed': true,
  'licence.recorded': true,
});
