// What a capture of fixtures/stuck-jobs.js shows, for the node-level test (stuckJobs.test.ts) and the
// VS Code suite (test/extension/vscode/live.test.ts), which run the same program.

/** One tree per root task, in any order. */
export const STUCK_JOBS_TREES = [
  [
    'main()  stuck-jobs.js:15  never settles',
    '└─ Promise.all  never settles',
    '   ├─ job()  stuck-jobs.js:11  never settles',
    '   │  └─ Promise  never settles',
    '   ├─ job()  stuck-jobs.js:11  never settles',
    '   │  └─ Promise  never settles',
    '   └─ job()  stuck-jobs.js:11  never settles',
    '      └─ Promise  never settles',
  ].join('\n'),
  ['poll()  stuck-jobs.js:18', '└─ Promise  held by Timeout (_onTimeout)'].join('\n'),
];

/** The rendered tree cut into its roots' subtrees, sorted. */
export function rootTrees(text: string): string[] {
  return text.split(/\n(?=[^\s│├└])/).sort();
}
