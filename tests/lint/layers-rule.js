// ESLint rule `trove/layers`: a file in src/<layer>/ may import only from the layers its entry in
// `allowed` lists, and only the packages whose owners include its layer. It resolves relative
// specifiers by path alone (no file-system lookup), so an import can never slip through because a
// resolver failed to find it. (Lives under tests/ because the top level is fixed.)
import path from 'node:path';

const SRC = path.resolve(import.meta.dirname, '../../src');

function layerOf(file) {
  const rel = path.relative(SRC, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const first = rel.split(path.sep)[0];
  return first && first !== rel ? first : undefined;
}

function packageOwners(spec, packages) {
  for (const [prefix, owners] of Object.entries(packages)) {
    const isPrefix = prefix.endsWith('-') || prefix.endsWith(':');
    if (isPrefix ? spec.startsWith(prefix) : spec === prefix || spec.startsWith(prefix + '/')) return owners;
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep the import arrows of ARCHITECTURE.md §2 pointing one way' },
    schema: [{ type: 'object', properties: { allowed: { type: 'object' }, packages: { type: 'object' }, typeOnly: { type: 'object' } } }],
    messages: {
      layer: "src/{{from}} may not import from src/{{to}} (allowed: {{ok}}).",
      pkg: "'{{spec}}' belongs to src/{{owners}}; src/{{from}} may not import it.",
    },
  },
  create(context) {
    const { allowed = {}, packages = {}, typeOnly = {} } = context.options[0] ?? {};
    const file = context.filename;
    const from = layerOf(file);
    if (!from || !(from in allowed)) return {};
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const to = layerOf(path.resolve(path.dirname(file), spec));
        const typesOnly = node.parent?.importKind === 'type' || node.parent?.exportKind === 'type';
        if (to && to !== from && !allowed[from].includes(to) && !(typesOnly && (typeOnly[from] ?? []).includes(to))) {
          context.report({ node, messageId: 'layer', data: { from, to, ok: allowed[from].join(', ') || 'none' } });
        }
        return;
      }
      const owners = packageOwners(spec, packages);
      if (owners && !owners.includes(from)) {
        context.report({ node, messageId: 'pkg', data: { spec, from, owners: owners.join(', src/') } });
      }
    }
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};
