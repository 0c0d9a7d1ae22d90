// Enforces proofpress's one-way data flow (STYLE.md guideline 1): a stage imports only from earlier stages.
const STAGES = ['config', 'content', 'markdown', 'examples', 'runners', 'verify', 'render', 'site'];
// theme/ is render's other half (the pieces render calls, built from render's helpers): one stage in two folders.
const FOLDERS = { render: '(render|theme)' };
const folder = (stage) => FOLDERS[stage] ?? stage;

const forward = STAGES.map((stage, index) => ({
  name: `no-${stage}-to-later-stage`,
  comment: `src/${stage} may import only from earlier stages (${STAGES.slice(0, index).join(', ') || 'none'}), errors.ts and util/.`,
  severity: 'error',
  from: { path: `^src/${folder(stage)}/` },
  to: { path: `^src/(${STAGES.slice(index + 1).map(folder).join('|') || 'NONE'})/` },
}));

module.exports = {
  forbidden: [
    ...forward,
    {
      name: 'report-only-from-entry-points',
      comment: 'report/ formats output; only the entry points (cli, build, snippet runtime) use it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(cli|build|snippet-runtime)\\.ts$|^src/report/' },
      to: { path: '^src/report/' },
    },
    {
      name: 'render-sees-records-not-runners',
      comment: 'render/ gets verification records; it may use runner types but never run anything.',
      severity: 'error',
      from: { path: '^src/render/' },
      to: { path: '^src/runners/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'stages-never-import-entry-points',
      severity: 'error',
      from: { path: '^src/(config|content|markdown|examples|runners|verify|render|theme|site|util)/' },
      to: { path: '^src/(cli|build|snippet-runtime|index)\\.ts$' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
