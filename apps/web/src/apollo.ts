import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { authorizedFetch } from './session';

/** The one GraphQL client of the app; every request carries the session token (session.ts). */
export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql', fetch: authorizedFetch }),
    cache: new InMemoryCache({
      typePolicies: {
        // Connections are refetched per filter, never merged across pages by the cache.
        Query: { fields: { centres: { keyArgs: ['filter'] }, submissions: { keyArgs: ['filter'] } } },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
