import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { AppConfig } from '../config/config';

/** Depth, cost, alias and token limits on every query (architecture §6), via graphql-armor. */
export function graphqlArmor(config: AppConfig) {
  const armor = new ApolloArmor({
    maxDepth: { n: config.GRAPHQL_MAX_DEPTH, ignoreIntrospection: true },
    costLimit: { maxCost: config.GRAPHQL_MAX_COST, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, ignoreIntrospection: true },
    maxAliases: { n: config.GRAPHQL_MAX_ALIASES },
    maxTokens: { n: 5000 },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: config.NODE_ENV === 'production' },
  });
  return armor.protect();
}
