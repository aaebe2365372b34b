// Runs TypeScript sources directly (swc, with decorator metadata and the @gdtx/* path aliases).
const path = require('path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
