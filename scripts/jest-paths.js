// Maps the tsconfig path aliases (@gdtx/*) for jest, so there is one source of truth: tsconfig.base.json.
const path = require('path');
const tsconfig = require('../tsconfig.base.json');

function pathsToModuleNameMapper() {
  const mapper = {};
  for (const [alias, targets] of Object.entries(tsconfig.compilerOptions.paths)) {
    const escaped = alias.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    mapper[`^${escaped}$`] = path.join(__dirname, '..', targets[0]);
  }
  return mapper;
}
module.exports = { pathsToModuleNameMapper };
