// @ts-check
/**
 * Context boundaries (docs/architecture.md, "Contexts and layers"). Each context may import only the contexts
 * listed for it (lower layers), and of those only their public surface: the Nest module, entities, DTOs,
 * dependency-free `*.enums.ts`, hook declarations `*.hooks.ts`, authorization helpers `*-access.ts`, and the
 * services a module exports (listed per context). Everything else is internal. The composition root (app.module,
 * bootstrap, database/) sits above every context and is imported by none.
 */

/** Lowest first; each context lists what it may import (config and common are open to all). */
const LAYERS = {
  config: [],
  common: ['config'],
  storage: ['common', 'config'],
  audit: ['common', 'config'],
  organizations: ['audit', 'common', 'config'],
  users: ['organizations', 'audit', 'common', 'config'],
  auth: ['users', 'organizations', 'audit', 'common', 'config'],
  groups: ['auth', 'users', 'organizations', 'audit', 'common', 'config'],
  meetings: ['groups', 'auth', 'users', 'organizations', 'audit', 'common', 'config'],
  discussion: ['meetings', 'groups', 'auth', 'users', 'organizations', 'audit', 'common', 'config'],
  uploads: ['auth', 'users', 'organizations', 'audit', 'storage', 'common', 'config'],
  documents: [
    'uploads',
    'meetings',
    'groups',
    'auth',
    'users',
    'organizations',
    'audit',
    'storage',
    'common',
    'config',
  ],
  consensus: ['groups', 'auth', 'users', 'organizations', 'audit', 'common', 'config'],
  cooperation: ['groups', 'auth', 'users', 'organizations', 'audit', 'common', 'config'],
  steering: [
    'consensus',
    'cooperation',
    'documents',
    'discussion',
    'meetings',
    'groups',
    'auth',
    'users',
    'organizations',
    'audit',
    'common',
    'config',
  ],
  'open-data': [
    'consensus',
    'cooperation',
    'meetings',
    'groups',
    'auth',
    'users',
    'organizations',
    'audit',
    'common',
    'config',
  ],
  notifications: [
    'steering',
    'consensus',
    'cooperation',
    'documents',
    'uploads',
    'discussion',
    'meetings',
    'groups',
    'auth',
    'users',
    'organizations',
    'audit',
    'storage',
    'common',
    'config',
  ],
  health: ['common', 'config'],
};

/** Public beyond the shared conventions: services a context's module exports, helpers others build on. */
const EXTRA_PUBLIC = {
  audit: ['audit\\.service', 'audit-hash', 'audit-actions'],
  auth: ['tokens\\.service', 'auth-sessions\\.service'],
  groups: ['working-groups/proposed-groups\\.service', 'group-status\\.port'],
  discussion: ['realtime-bus'],
  meetings: ['calendar/meeting-invitation'],
  storage: ['blob-storage', 'sweep'],
  uploads: ['finished-uploads'],
  consensus: ['tally', 'area-tallies'],
};

const OPEN = new Set(['config', 'common']);
const COMPOSITION_ROOT = ['app\\.module', 'app\\.setup', 'bootstrap', 'main', 'database'];
const CONVENTIONAL_PUBLIC = [
  '(?:.*/)?entities/',
  '(?:.*/)?dto/',
  '(?:.*/)?[^/]+\\.(?:module|enums|hooks)$',
  '(?:.*/)?[^/]+-access$',
];
const MAX_DEPTH = 4;

/** @param {string} context @param {number} depth folders between the context root and the file */
function patternsFor(context, depth) {
  const up = `^(?:\\.\\./){${depth + 1}}`;
  const allowed = LAYERS[context];
  const patterns = [
    {
      regex: `${up}(?:${COMPOSITION_ROOT.join('|')})(?:/|$)`,
      message: 'The composition root (app.module, bootstrap, database/) imports contexts, never the reverse.',
    },
  ];
  for (const other of Object.keys(LAYERS)) {
    if (other === context) continue;
    if (!allowed.includes(other)) {
      patterns.push({
        regex: `${up}${other}(?:/|$)`,
        message: `'${context}' may not import '${other}' (contexts import only lower layers: ${allowed.join(', ') || 'none'}). React through DomainHooks instead.`,
      });
    } else if (!OPEN.has(other)) {
      const publicFiles = [...CONVENTIONAL_PUBLIC, ...(EXTRA_PUBLIC[other] ?? []).map((f) => `${f}$`)];
      patterns.push({
        regex: `${up}${other}/(?!(?:${publicFiles.join('|')}))`,
        message: `That is internal to '${other}': import its module, entities, dto, *.enums, *.hooks, *-access or exported services only.`,
      });
    }
  }
  return patterns;
}

export const boundaryConfigs = Object.keys(LAYERS).flatMap((context) =>
  Array.from({ length: MAX_DEPTH }, (_, depth) => ({
    files: [`src/${context}/${'*/'.repeat(depth)}*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: patternsFor(context, depth) }] },
  })),
);

/** Shared enums must stay importable from anywhere: they import nothing. */
export const enumFilesConfig = {
  files: ['src/**/*.enums.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: 'ImportDeclaration',
        message: 'An *.enums.ts file is dependency-free: it imports nothing.',
      },
    ],
  },
};
