import { ApolloClient, HttpLink, InMemoryCache, type FieldPolicy } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { authorizedFetch } from './session';

type KeyArgs = Parameters<typeof relayStylePagination>[0];
interface ConnectionData {
  edges?: { cursor?: string; node: unknown }[];
  nodes?: unknown[];
  pageInfo?: unknown;
  [extra: string]: unknown;
}

/**
 * The API's connections (libs/platform connection.ts) through Apollo's relay-style pagination policy: "load
 * more" is `fetchMore({ variables: { after } })` and the cache appends the page (issue 16 item 10; four pages
 * used to merge by hand). The app's queries select `nodes` (simpler to read than `edges { node }`): a page that
 * arrives with nodes only is stored as edges whose last cursor is `pageInfo.endCursor` (the policy takes it from
 * there), and `nodes` is read back from the stored edges. A query asking for `totalCount` only leaves the stored
 * pages alone. A query without `after` replaces them, as before.
 */
export function nodesConnection(keyArgs: KeyArgs): FieldPolicy<ConnectionData> {
  const relay = relayStylePagination(keyArgs) as FieldPolicy<ConnectionData>;
  const merge = relay.merge as Exclude<FieldPolicy<ConnectionData>['merge'], boolean | undefined>;
  const read = relay.read!;
  return {
    keyArgs: relay.keyArgs,
    merge(existing, incoming, options) {
      const asEdges = !incoming.edges && Array.isArray(incoming.nodes) ? { ...incoming, edges: incoming.nodes.map((node) => ({ cursor: '', node })) } : incoming;
      return merge(existing, asEdges, options);
    },
    read(existing, options) {
      const value = read(existing, options) as ConnectionData | undefined;
      return value && { ...value, nodes: (value.edges ?? []).map((edge) => edge.node) };
    },
  };
}

/** The one GraphQL client of the app; every request carries the session token (session.ts). */
export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql', fetch: authorizedFetch }),
    cache: new InMemoryCache({
      typePolicies: {
        // A picture of one scope and day with its counts, not an entity: kept inside its query, never merged by id.
        AttentionUnit: { keyFields: false },
        Query: {
          fields: {
            centres: nodesConnection(['filter']),
            findings: nodesConnection(['filter']),
            unlicensedOperatorCases: nodesConnection(['status', 'unitId']),
            notifications: nodesConnection(['unreadOnly']),
            // Read whole (no "load more"): refetched per filter.
            submissions: { keyArgs: ['filter'] },
          },
        },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
