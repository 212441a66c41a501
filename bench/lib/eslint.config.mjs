// @ts-check
/**
 * The config file every benchmark ESLint run loads (`overrideConfigFile`), so that ESLint's worker
 * threads under `concurrency` can load it too. Which configuration and corpus: environment variables
 * set by bench/lib/lint-run.mjs.
 */
import { configurationById, flatConfigFor } from './configurations.mjs';

const id = process.env.LOOPGUARD_BENCH_CONFIG;
const root = process.env.LOOPGUARD_BENCH_ROOT;
if (!id || !root) throw new Error('LOOPGUARD_BENCH_CONFIG and LOOPGUARD_BENCH_ROOT must be set (see bench/lib/lint-run.mjs)');

export default flatConfigFor(configurationById(id), root);
