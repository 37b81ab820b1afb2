import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'demo/examples/**/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error', 'log', 'table'] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-console': ['error', { allow: ['warn', 'error'] }], '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // Chai assertions such as `expect(x).to.exist` are expressions by design.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      // A committed `.only` silently skips the rest of the suite (in mocha, even the nested blocks of its own describe).
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='only']", message: 'Run one test with -g or WTR_FILES instead of .only.' },
        // Without a message, node 20 quotes the failed expression by parsing the .ts source, which can
        // hang for good (a failing sandbox test once hung the suite instead of failing).
        {
          selector: "CallExpression[arguments.length=1]:matches([callee.name='assert'], [callee.object.name='assert'][callee.property.name='ok'])",
          message: 'Give assert.ok a message: without one a failure can hang node 20 instead of failing.',
        },
      ],
    },
  },
);
