import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import { loadTypeDefs } from '../../gateway/resolvers/index.ts';
import { GENERATED_PATH, generateTypes } from '../../schema/generate-types.ts';

/** The SDL is the API's documentation: every type, field, argument, input field and enum value says what it is. */
describe('schema', () => {
  it('describes every type, field, argument, input field and enum value', () => {
    const schema = buildSchema(loadTypeDefs());
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description && !['Query', 'Mutation'].includes(type.name)) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    assert.deepEqual(missing, []);
  });

  it('the TypeScript types generated from it are up to date (npm run codegen)', () => {
    assert.equal(readFileSync(GENERATED_PATH, 'utf8'), generateTypes());
  });
});
