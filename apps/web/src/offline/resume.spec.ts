import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { SubmissionDetail } from '../gql/reporting';
import type { OfflineDraftRecord } from './offlineStore';
import { isConnectionError, resumeFrom } from './resume';

const report = (version: number, values: Record<string, number>) => ({ id: 's1', version, values, explanations: {} }) as unknown as SubmissionDetail;
const kept = (base: SubmissionDetail, pending: Record<string, number> | null): OfflineDraftRecord => ({
  key: 'u1:s1', userId: 'u1', submissionId: 's1', base, template: {} as OfflineDraftRecord['template'],
  pending: pending && { values: pending, explanations: {}, keptAt: '2026-12-03T00:00:00Z' },
});

describe('resumeFrom: where the report form starts after a visit without a connection', () => {
  it('nothing kept, or nothing pending: the server as it is', () => {
    const server = report(3, { a: 1 });
    expect(resumeFrom(server, null)).toEqual({ submission: server, kept: null });
    expect(resumeFrom(server, kept(report(2, { a: 0 }), null))).toEqual({ submission: server, kept: null });
  });

  it('values pending on the same version: the server report with the kept values', () => {
    const server = report(3, { a: 1 });
    const result = resumeFrom(server, kept(report(3, { a: 1 }), { a: 5 }));
    expect(result.submission).toBe(server);
    expect(result.kept?.values).toEqual({ a: 5 });
  });

  it('the server moved on meanwhile: the kept base, so the save carries the old version and meets CONFLICT', () => {
    const base = report(2, { a: 1 });
    const result = resumeFrom(report(4, { a: 40 }), kept(base, { a: 7 }));
    expect(result.submission).toBe(base);
    expect(result.submission.version).toBe(2);
    expect(result.kept?.values).toEqual({ a: 7 });
  });
});

describe('isConnectionError', () => {
  it('a failed fetch is; an answer of the server refusing is not', () => {
    expect(isConnectionError(new TypeError('Failed to fetch'))).toBe(true);
    expect(isConnectionError(new CombinedGraphQLErrors({ errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] }))).toBe(false);
  });
});
