import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default defineConfig(
	{
		// Generated, vendored or throwaway output; the same list as .prettierignore.
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'.data/',
			'scratch/',
			'test-results/',
			'playwright-report/',
			'tests/**/__snapshots__/',
			'static/'
		]
	},
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	prettier,
	svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node }
		},
		rules: {
			// TypeScript itself reports undefined names, and knows the types no-undef doesn't:
			// https://typescript-eslint.io/troubleshooting/faqs/eslint/#i-get-errors-from-the-no-undef-rule-about-global-variables-not-being-defined-even-though-there-are-no-typescript-errors
			'no-undef': 'off',
			// A leading underscore marks a parameter or binding that is unused on purpose.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }
			],
			// resolve() exists to add kit.paths.base, which this app doesn't set, and it can't express the
			// query-only ("?easy=1") and fragment ("#field") links the pages use. goto() and
			// pushState/replaceState are still checked.
			'svelte/no-navigation-without-resolve': ['error', { ignoreLinks: true }]
		}
	},
	{
		// Components and rune modules: svelte-eslint-parser, with TypeScript for <script lang="ts">.
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
