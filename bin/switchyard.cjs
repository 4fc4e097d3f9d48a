#!/usr/bin/env node
// The installed command: runs the bundled CLI, which `npm install` builds (the prepare script).
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(cli)) {
  console.error('switchyard: the app is not built yet; run `npm run build` in ' + path.dirname(__dirname));
  process.exit(1);
}
require(cli);
