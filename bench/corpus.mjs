// @ts-check
/**
 * `npm run bench:corpus`: downloads the pinned packages of bench/corpus.json with `npm pack`, checks each
 * tarball's sha512 against the pinned integrity, and extracts the selected source files into
 * bench/.corpus/<package>/ with a manifest and a tsconfig.json for typed runs. Tarballs are cached in
 * bench/.corpus/.tarballs, so a second run works offline.
 */
import { fetchCorpus } from './lib/fetch-corpus.mjs';
import { corpusDir, corpusSpecFile } from './lib/paths.mjs';

fetchCorpus(corpusSpecFile, corpusDir);
