/** The glossary's words, once: see vocabulary.ts, roles.ts and language.ts. */
export * from './vocabulary';
export * from './roles';
export * from './language';
