/** What the "Công việc nền" page says about a job (pure, so it is unit-tested). */

/** The subscriber or the job's own context, for jobs not named in the dictionary (a new one). */
export function jobLabelKey(name: string): string {
  return `jobs.name.${name}`;
}

/** The event and the context of a subscriber job (`submission.accepted>analytics`), or the job name alone. */
export function splitJobName(name: string): { topic: string; subscriber: string | null } {
  const i = name.indexOf('>');
  return i >= 0 ? { topic: name.slice(0, i), subscriber: name.slice(i + 1) } : { topic: name, subscriber: null };
}

export const JOB_STATE_COLOURS: Record<string, string> = {
  WAITING: 'default', DELAYED: 'gold', PRIORITIZED: 'default', WAITING_CHILDREN: 'default', ACTIVE: 'processing',
  COMPLETED: 'success', FAILED: 'error', UNKNOWN: 'warning',
};
