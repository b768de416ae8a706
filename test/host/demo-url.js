// Prints the workbench URL that opens the sample workspace with HerdScope loaded as the extension under development.
// usage (inside with-code-server.sh): node demo-url.js <extensionDir> <workspaceDir>
'use strict';
const path = require('path');
const { workbenchUrl } = require('./workbench');

const [extensionPath, folder] = process.argv.slice(2, 4).map((p) => path.resolve(p));
console.log(workbenchUrl(process.env.CS_URL, { folder, extensionPath }));
