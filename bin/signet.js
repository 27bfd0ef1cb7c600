#!/usr/bin/env node
// The `signet` CLI: the build output of apps/cli (made by `npm install` through `prepare`).
require('../dist/apps/cli/src/main.js')
  .run(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
