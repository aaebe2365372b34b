import { declareEvents } from '@gdtx/platform';

/**
 * The events identity emits, through the outbox in the transaction that records them. Who subscribes:
 * docs/architecture.md ("Events").
 */
export interface IdentityEvents {
  /**
   * Repeated wrong passwords put an account on a login delay (login-throttle.ts). `blockedUntil` is when the
   * account may try again (ISO timestamp); `failures` counts the wrong passwords in a row.
   */
  'account.login-throttled': { userId: string; failures: number; blockedUntil: string };
}

declare module '@gdtx/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- filled by declaration merging
  interface EventPayloads extends IdentityEvents {}
}

export const identityEvents = declareEvents<IdentityEvents>('identity', { 'account.login-throttled': true });
