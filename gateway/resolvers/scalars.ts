import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * MinorUnits accepts any JSON number on input (integers beyond 32 bits and fractions included) so
 * that services can refuse bad amounts with a typed INVALID_AMOUNT result; non-numbers are GraphQL
 * errors. Output is always an integer.
 */
export const MinorUnits = new GraphQLScalarType({
  name: 'MinorUnits',
  serialize(value) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new GraphQLError(`MinorUnits cannot represent ${String(value)}`);
    return value;
  },
  parseValue(value) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new GraphQLError('MinorUnits must be a number (an integer amount in minor units).', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return Number(ast.value);
    throw new GraphQLError('MinorUnits must be a number (an integer amount in minor units).', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});

/** ISO-8601 timestamps in UTC. */
export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  serialize(value) {
    const d = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(d.getTime())) throw new GraphQLError(`DateTime cannot represent ${String(value)}`);
    return d.toISOString();
  },
  parseValue(value) {
    const d = typeof value === 'string' ? new Date(value) : new Date(NaN);
    if (Number.isNaN(d.getTime())) throw new GraphQLError('DateTime must be an ISO-8601 string.', { extensions: { code: 'BAD_USER_INPUT' } });
    return d;
  },
  parseLiteral(ast) {
    const d = ast.kind === Kind.STRING ? new Date(ast.value) : new Date(NaN);
    if (Number.isNaN(d.getTime())) throw new GraphQLError('DateTime must be an ISO-8601 string.', { extensions: { code: 'BAD_USER_INPUT' } });
    return d;
  },
});
