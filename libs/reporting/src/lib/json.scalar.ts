import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/**
 * Arbitrary JSON (report values keyed by value key, template definitions). Kept in this lib because
 * graphql-type-json is not a dependency; the shape of values is checked by the service, not here.
 */
function literalToJson(node: ValueNode, variables?: Record<string, unknown> | null): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((v) => literalToJson(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literalToJson(f.value, variables)]));
    case Kind.VARIABLE:
      return variables ? variables[node.name.value] : undefined;
    default:
      return undefined;
  }
}

export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Giá trị JSON tùy ý (số liệu báo cáo theo mã chỉ tiêu, định nghĩa biểu mẫu)',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (node, variables) => literalToJson(node, variables),
});
