/**
 * Typed documents for notifications (header badge, /notifications) and the reporting heat map's drill-down.
 * Every document is a static template literal with a named operation (graphql-codegen will take them over).
 */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { SubmissionStatus } from '@gdtx/domain';
import type { NotificationItem } from './insights';

export interface NotificationPage {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  nodes: NotificationItem[];
}

export const NOTIFICATION_LIST: TypedDocumentNode<
  { notifications: NotificationPage; unreadNotificationCount: number },
  { first?: number; after?: string | null; unreadOnly?: boolean | null }
> = gql`
  query NotificationList($first: Int, $after: String, $unreadOnly: Boolean) {
    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      pageInfo { endCursor hasNextPage }
      nodes { id kind titleVi bodyVi link readAt createdAt }
    }
    unreadNotificationCount
  }
`;

export const UNREAD_NOTIFICATION_COUNT: TypedDocumentNode<{ unreadNotificationCount: number }, Record<string, never>> = gql`
  query UnreadNotificationCount { unreadNotificationCount }
`;

export const MARK_NOTIFICATIONS_READ: TypedDocumentNode<
  { markNotificationsRead: { id: string; readAt: string | null }[] },
  { ids: string[] }
> = gql`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids) { id readAt }
  }
`;

export interface CellCentreRate {
  centreId: string | null;
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  accepted: number;
}

export interface CellSubmission {
  id: string;
  centreId: string;
  status: SubmissionStatus;
  submittedAt: string | null;
  dueDate: string;
}

export interface CellCentre {
  id: string;
  code: string;
  name: string;
}

/** One heat-map cell: the expected centres (one rate row per centre), their submissions, and names. */
export const HEATMAP_CELL: TypedDocumentNode<
  {
    reportingRates: CellCentreRate[];
    submissions: { nodes: CellSubmission[] };
    centres: { nodes: CellCentre[] };
  },
  { templateCode: string; periodCode: string; unitId: string }
> = gql`
  query HeatmapCell($templateCode: String!, $periodCode: String!, $unitId: ID!) {
    reportingRates(templateCode: $templateCode, periodFrom: $periodCode, periodTo: $periodCode, unitId: $unitId, groupBy: [CENTRE]) {
      centreId expected submitted onTime late accepted
    }
    submissions(filter: { templateCode: $templateCode, periodId: $periodCode, unitId: $unitId }, first: 200) {
      nodes { id centreId status submittedAt dueDate }
    }
    centres(filter: { unitId: $unitId }, first: 200) {
      nodes { id code name }
    }
  }
`;
