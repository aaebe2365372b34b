/** The validated queue configuration (see queue-config.ts). */
export const QUEUE_CONFIG = Symbol('QUEUE_CONFIG');
