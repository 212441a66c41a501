/** ESLint's exit codes, which the CLI keeps. */
export const EXIT_OK = 0;
/** Lint errors, or more warnings than `--max-warnings`. */
export const EXIT_LINT_ERRORS = 1;
/** Bad usage, a bad path, nothing to lint, or a fatal error. */
export const EXIT_FATAL = 2;
