import { unavailabilityOf } from './unavailable';

describe('unavailabilityOf', () => {
  it('recognises connection failures of PostgreSQL and Redis, through TypeORM wrappers', () => {
    expect(unavailabilityOf(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', port: 5432 }))).toBe('DATABASE_UNAVAILABLE');
    expect(unavailabilityOf(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED', port: 6379 }))).toBe('QUEUE_UNAVAILABLE');
    expect(unavailabilityOf({ name: 'QueryFailedError', message: 'terminating connection', driverError: { code: '57P01' } })).toBe('DATABASE_UNAVAILABLE');
    expect(unavailabilityOf({ message: 'x', code: '08006' })).toBe('DATABASE_UNAVAILABLE');
    expect(unavailabilityOf(new Error('Connection terminated unexpectedly'))).toBe('DATABASE_UNAVAILABLE');
    expect(unavailabilityOf(Object.assign(new Error('Reached the max retries per request limit (which is 20).'), { name: 'MaxRetriesPerRequestError' }))).toBe('QUEUE_UNAVAILABLE');
    expect(unavailabilityOf(new Error('Connection is closed.'))).toBe('QUEUE_UNAVAILABLE');
    expect(unavailabilityOf(new Error('wrapper', { cause: Object.assign(new Error('boom'), { code: 'ECONNRESET' }) }))).toBe('DATABASE_UNAVAILABLE');
  });

  it('leaves other failures alone (they stay INTERNAL or their own code)', () => {
    expect(unavailabilityOf(new TypeError('x is undefined'))).toBeNull();
    expect(unavailabilityOf({ code: '23505', message: 'duplicate key' })).toBeNull();
    expect(unavailabilityOf(null)).toBeNull();
  });
});
