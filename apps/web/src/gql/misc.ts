/**
 * GraphQL documents for notifications (header badge, /notifications) and the reporting heat map's drill-down;
 * result and variable types are generated from apps/api/schema.gql (`npm run codegen`).
 */
import { graphql } from './__generated__';
import type { HeatmapCellQuery, NotificationListQuery } from './__generated__/graphql';

export type NotificationPage = NotificationListQuery['notifications'];

export const NOTIFICATION_LIST = graphql(`
  query NotificationList($first: Int, $after: String, $unreadOnly: Boolean) {
    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      pageInfo { endCursor hasNextPage }
      nodes { id kind titleVi bodyVi titleEn bodyEn link readAt createdAt }
    }
    unreadNotificationCount
  }
`);

export const UNREAD_NOTIFICATION_COUNT = graphql(`
  query UnreadNotificationCount { unreadNotificationCount }
`);

export const MARK_ALL_NOTIFICATIONS_READ = graphql(`
  mutation MarkAllNotificationsRead { markAllNotificationsRead }
`);

export const MARK_NOTIFICATIONS_READ = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }
`);

export type CellCentreRate = HeatmapCellQuery['reportingRates'][number];
export type CellSubmission = HeatmapCellQuery['submissions']['nodes'][number];
export type CellCentre = HeatmapCellQuery['centres']['nodes'][number];

/** One heat-map cell: the expected centres (one rate row per centre), their submissions, and names. */
export const HEATMAP_CELL = graphql(`
  query HeatmapCell($templateCode: String!, $periodCode: String!, $unitId: ID!) {
    reportingRates(templateCode: $templateCode, periodFrom: $periodCode, periodTo: $periodCode, unitId: $unitId, groupBy: [CENTRE]) {
      centreId expected notDue submitted onTime late returned missing accepted
    }
    submissions(filter: { templateCode: $templateCode, periodId: $periodCode, unitId: $unitId }, first: 200) {
      nodes { id centreId status submittedAt dueDate }
    }
    centres(filter: { unitId: $unitId }, first: 200) {
      nodes { id code name }
    }
  }
`);
