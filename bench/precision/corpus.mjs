// @ts-check
/**
 * `npm run bench:precision:corpus`: downloads the pinned packages of bench/precision/corpus.json with
 * `npm pack`, checks each tarball's sha512 against the pinned integrity, and extracts the selected files
 * into the git-ignored bench/.precision-corpus/<dir>/ with a manifest (each file marked library, test or
 * script code) and a tsconfig.json for typed runs. Tarballs are cached in bench/.precision-corpus/.tarballs.
 */
import { fetchCorpus } from '../lib/fetch-corpus.mjs';
import { precisionCorpusDir, precisionSpecFile } from '../lib/paths.mjs';

fetchCorpus(precisionSpecFile, precisionCorpusDir);
