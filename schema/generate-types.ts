import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema, isEnumType, isInputObjectType, isInterfaceType, isListType, isNonNullType, isObjectType, isScalarType, isUnionType,
  type GraphQLType,
} from 'graphql';
import { loadTypeDefs } from '../gateway/resolvers/index.ts';

/**
 * TypeScript types generated from the SDL (the single source of the API's types):
 * `npm run codegen` writes gateway/generated/graphql.ts; a test fails when it is stale.
 */
export const GENERATED_PATH = join(import.meta.dirname, '..', 'gateway', 'generated', 'graphql.ts');

const SCALARS: Record<string, { input: string; output: string }> = {
  ID: { input: 'string', output: 'string' },
  String: { input: 'string', output: 'string' },
  Boolean: { input: 'boolean', output: 'boolean' },
  Int: { input: 'number', output: 'number' },
  Float: { input: 'number', output: 'number' },
  MinorUnits: { input: 'number', output: 'number' },
  DateTime: { input: 'Date', output: 'string' },
};

function ts(type: GraphQLType, mode: 'input' | 'output'): string {
  if (isNonNullType(type)) return ts(type.ofType, mode);
  if (isListType(type)) return `Array<${ts(type.ofType, mode)}${isNonNullType(type.ofType) ? '' : ' | null'}>`;
  if (isScalarType(type)) return SCALARS[type.name]?.[mode] ?? 'unknown';
  return type.name;
}

const doc = (text: string | null | undefined, indent = '') =>
  text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').split('\n').join(`\n${indent} * `)} */\n` : '';

export function generateTypes(): string {
  const schema = buildSchema(loadTypeDefs());
  const out = ['// Generated from schema/*.graphql by `npm run codegen`. Do not edit.', ''];
  for (const type of Object.values(schema.getTypeMap()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (type.name.startsWith('__') || isScalarType(type) || ['Query', 'Mutation', 'Subscription'].includes(type.name)) continue;
    out.push(doc(type.description).trimEnd());
    if (isEnumType(type)) {
      out.push(`export type ${type.name} = ${type.getValues().map((v) => `'${v.name}'`).join(' | ')};`);
    } else if (isUnionType(type)) {
      out.push(`export type ${type.name} = ${type.getTypes().map((t) => t.name).join(' | ')};`);
    } else if (isInputObjectType(type)) {
      out.push(`export interface ${type.name} {`);
      for (const f of Object.values(type.getFields())) {
        out.push(doc(f.description, '  ').trimEnd());
        out.push(isNonNullType(f.type) ? `  ${f.name}: ${ts(f.type, 'input')};` : `  ${f.name}?: ${ts(f.type, 'input')} | null;`);
      }
      out.push('}');
    } else if (isObjectType(type) || isInterfaceType(type)) {
      out.push(`export interface ${type.name} {`);
      if (isObjectType(type)) out.push(`  __typename?: '${type.name}';`);
      for (const f of Object.values(type.getFields())) {
        out.push(doc(f.description, '  ').trimEnd());
        out.push(`  ${f.name}: ${ts(f.type, 'output')}${isNonNullType(f.type) ? '' : ' | null'};`);
      }
      out.push('}');
    }
    out.push('');
  }
  return out.filter((l, i, a) => !(l === '' && a[i - 1] === '')).join('\n');
}

if (import.meta.main) {
  writeFileSync(GENERATED_PATH, generateTypes());
  console.log(`wrote ${GENERATED_PATH}`);
}
