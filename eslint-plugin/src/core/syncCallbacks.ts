/** Array methods that call their callback synchronously, before they return (`xs.map(x => …)`). */
export const SYNC_ITERATION_METHODS: ReadonlySet<string> = new Set([
  'forEach', 'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex',
  'findLast', 'findLastIndex', 'sort', 'toSorted',
]);
