export { buildAsyncOutline, DEFAULT_OUTLINE_OPTIONS, type OutlineOptions } from './buildOutline';
export { createOutlineCollector } from './outlineCollector';
export type { AsyncOutline, OutlineNode, OutlineNodeKind, OutlinePosition, OutlineRange, OutlineSummary } from './types';
