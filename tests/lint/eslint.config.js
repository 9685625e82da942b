// ESLint for the whole project (kept under tests/ so the top level stays as the project fixed it;
// `npm run lint` points ESLint here).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig([
  { ignores: ['dist/**', 'node_modules/**', 'tests/e2e/screenshots/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Never write HTML from strings: build nodes with h().' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Never write HTML from strings: build nodes with h().' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'phaser', message: 'src/ is the model: no Phaser.' }, { name: 'howler', message: 'src/ is the model: no Howler.' }] }],
    },
  },
]);
