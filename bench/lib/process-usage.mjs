// @ts-check
/**
 * Preloaded with `node --import` into a process the bench starts but does not own (oxlint's CLI): on exit,
 * writes the process's resource usage (CPU time of all its threads, peak RSS) to $LOOPGUARD_USAGE_FILE.
 */
import fs from 'node:fs';

const usageFile = process.env.LOOPGUARD_USAGE_FILE;
if (usageFile) process.on('exit', () => fs.writeFileSync(usageFile, JSON.stringify(process.resourceUsage())));
