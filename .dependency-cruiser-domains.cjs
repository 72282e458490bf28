/**
 * Domains stand side by side: no cycle of imports between domain folders, however long (checked at
 * the level of folders, so a cycle counts even when no single file is in one). Run by
 * `npm run check:deps` after .dependency-cruiser.cjs, over server/domains alone and without tests:
 * a domain's tests are not part of what it depends on, and paths through the platform are the
 * platform rule's business there (a folder rule cannot leave the platform out of a cycle's path).
 *
 * Where a lower domain needs a fact only a higher one knows, it declares a port
 * (server/platform/port.ts) that the composition root server/wiring.ts fills.
 */
const base = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular-domains',
      comment:
        'A cycle between domain folders: cut it with a port (see server/wiring.ts) or move the shared piece down.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^server/domains/[^/]+$' },
      to: { path: '^server/domains/[^/]+$', circular: true },
    },
  ],
  options: {
    ...base.options,
    includeOnly: '^server/domains/',
    exclude: { path: ['(^|/)(node_modules|dist)/', '\\.test\\.tsx?$'] },
    // Folder-level rules need the folder metrics.
    metrics: true,
  },
};
