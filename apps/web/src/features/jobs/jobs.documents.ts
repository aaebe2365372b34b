/**
 * GraphQL documents for the province's background work ("Công việc nền", /background-jobs); result and variable
 * types are generated from apps/api/schema.gql (`npm run codegen`).
 */
import { graphql } from '../../gql/__generated__';
import type { BackgroundJobsQuery } from '../../gql/__generated__/graphql';

export type BackgroundJobRow = BackgroundJobsQuery['backgroundJobs'][number];

export const BACKGROUND_JOBS = graphql(`
  query BackgroundJobs($filter: BackgroundJobFilter) {
    backgroundJobs(filter: $filter) {
      jobId name state progress attemptsMade maxAttempts failedReasonVi failedReasonEn centreId queuedAt finishedAt canRetry
    }
  }
`);

export const RETRY_BACKGROUND_JOB = graphql(`
  mutation RetryBackgroundJob($jobId: ID!) {
    retryBackgroundJob(jobId: $jobId) { jobId state attemptsMade canRetry failedReasonVi }
  }
`);
