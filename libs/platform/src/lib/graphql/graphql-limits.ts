import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { AppConfig } from '../config/config';

/** Most tokens a document may have; graphql-js stops parsing there (a parse error, HTTP 400). */
export const GRAPHQL_MAX_TOKENS = 5000;

/**
 * Depth, cost, alias and directive limits on every query (architecture §6), via graphql-armor. The token limit
 * is graphql-js's own `maxTokens` parse option (see `graphqlParseOptions`): armor's token plugin parses the
 * document a second time inside an Apollo hook, where any syntax error became an unexpected error (HTTP 500).
 */
export function graphqlArmor(config: AppConfig) {
  const armor = new ApolloArmor({
    maxDepth: { n: config.GRAPHQL_MAX_DEPTH, ignoreIntrospection: true },
    costLimit: { maxCost: config.GRAPHQL_MAX_COST, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, ignoreIntrospection: true },
    maxAliases: { n: config.GRAPHQL_MAX_ALIASES },
    maxTokens: { enabled: false },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: config.NODE_ENV === 'production' },
  });
  return armor.protect();
}

/** Apollo's `parseOptions`: the token limit applies while parsing, and exceeding it is a parse error. */
export const graphqlParseOptions = { maxTokens: GRAPHQL_MAX_TOKENS };
