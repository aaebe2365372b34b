/** The jobs notify runs (declared into platform's registry; the handlers are in notify.handlers.ts). */
export interface NotifyJobs {
  /** The daily deadline reminders (`today` for tests and replays; defaults to today in Vietnam). */
  'notify.deadline-reminders': { scheduled?: true; today?: string };
  /** The e-mail copy of one notification, enqueued through the outbox with the notification. */
  'notify.send-email': { notificationId: string };
  /** The e-mail digest: one mail per user with every notification not yet mailed (NOTIFY_DIGEST_CRON). */
  'notify.email-digest': { scheduled?: true };
}

declare module '@gdtx/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- filled by declaration merging
  interface JobPayloads extends NotifyJobs {}
}
