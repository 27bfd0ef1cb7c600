/**
 * Prints the GraphQL schema from the resolvers (code first) into schema.gql, or with
 * --check fails when the committed schema.gql is stale.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { RESOLVERS } from '../apps/registry/src/graphql/resolvers';

async function main(): Promise<number> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  const schema = await app.get(GraphQLSchemaFactory).create(RESOLVERS);
  await app.close();
  const printed = printSchema(lexicographicSortSchema(schema)) + '\n';
  const file = join(process.cwd(), 'schema.gql');
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (committed !== printed) {
      console.error('schema.gql is stale: run `npm run schema:print` and commit it');
      return 1;
    }
    console.log('schema.gql is current');
    return 0;
  }
  writeFileSync(file, printed);
  console.log(`wrote ${file}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
