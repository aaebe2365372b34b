// Types for the web app's GraphQL documents, generated from the API's schema (apps/api/schema.gql, written by
// the API when it boots outside production). Run `npm run codegen` after changing a document or the schema;
// apps/web/src/gql/codegen.spec.ts fails while the generated files are stale.
import type { CodegenConfig } from '@graphql-codegen/cli';

export const codegenConfig: CodegenConfig = {
  schema: 'apps/api/schema.gql',
  documents: ['apps/web/src/**/*.{ts,tsx}', '!apps/web/src/gql/__generated__/**', '!apps/web/src/**/*.spec.ts'],
  ignoreNoDocuments: false,
  generates: {
    'apps/web/src/gql/__generated__/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, gqlTagName: 'graphql' },
      config: {
        // String unions, assignable to and from @gdtx/domain's unions (CentreType, Role, SubmissionStatus …).
        enumsAsTypes: true,
        useTypeImports: true,
        // JSON carries values, explanations and template definitions whose shapes @gdtx/domain defines
        // (ValueMap, TemplateDefinition): unknown here, narrowed by src/gql/json.ts.
        scalars: { Date: 'string', DateTime: 'string', JSON: { input: 'unknown', output: 'unknown' } },
        skipTypename: false,
      },
    },
  },
};

export default codegenConfig;
