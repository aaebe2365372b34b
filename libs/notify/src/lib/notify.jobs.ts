/** The jobs notify runs (declared into platform's registry; the handlers are in notify.handlers.ts). */
export interface NotifyJobs {
  /** The daily deadline reminders (`today` for tests and replays; defaults to today in Vietnam). */
  'notify.deadline-reminders': { scheduled?: true; today?: string };
  /** The e-mail copy of one notification, enqueued through the outbox with the notification. */
  'notify.send-email': { notificationId: string };
}

declare module '@gdtx/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- filled by declaration merging
  interface JobPayloads extends NotifyJobs {}
}
