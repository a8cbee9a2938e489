import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

// Lints snippets as if they lived in the given src/ file, with the project's real ESLint config
// (type-aware rules off: the probe files do not exist on disk, so no tsconfig holds them).
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [tseslint.configs.disableTypeChecked, { languageOptions: { parserOptions: { projectService: false } } }],
});

async function messages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import-layer rules', () => {
  it('fails an import that points the wrong way', async () => {
    const found = await messages('src/domain/money.ts', "import { db } from '../data/db';\nexport const x = db;\n");
    expect(found.some((m) => m.includes('trove/layers') && m.includes('src/domain may not import from src/data'))).toBe(true);
  });

  it('fails a UI component reaching past state into the database package', async () => {
    const found = await messages('src/ui/Probe.ts', "import Dexie from 'dexie';\nexport const x = Dexie;\n");
    expect(found.some((m) => m.includes("'dexie' belongs to src/data"))).toBe(true);
  });

  it('fails the server importing browser-side layers', async () => {
    const found = await messages('src/server/probe.ts', "import { x } from '../sync/client';\nexport const y = x;\n");
    expect(found.some((m) => m.includes('src/server may not import from src/sync'))).toBe(true);
  });

  it('lets a component name a data shape but never reach the database', async () => {
    const runtime = await messages('src/ui/Probe.ts', "import { appEnv } from '../data/env';\nexport const x = appEnv;\n");
    expect(runtime.some((m) => m.includes('src/ui may not import from src/data'))).toBe(true);
    const types = await messages('src/ui/Probe.ts', "import type { ItemSummary } from '../data/queries/catalog';\nexport type X = ItemSummary;\n");
    expect(types.filter((m) => m.startsWith('trove/layers'))).toEqual([]);
  });

  it('allows the arrows ARCHITECTURE.md draws', async () => {
    const found = await messages('src/data/probe.ts', "import { Money } from '../domain/money';\nexport const x = Money.zero;\n");
    expect(found.filter((m) => m.startsWith('trove/layers'))).toEqual([]);
  });

  it('bans the clock, the DOM and the network in src/domain', async () => {
    const code = 'export const a = Date.now();\nexport const b = window.location;\nexport const c = fetch;\nexport const d = new Date();\n';
    const found = await messages('src/domain/probe.ts', code);
    expect(found.filter((m) => m.includes('src/domain'))).toHaveLength(4);
  });
});
