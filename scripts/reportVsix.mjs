// Prints the size of a packaged .vsix, so packaging regressions are visible in the build log.
import fs from 'node:fs';

const file = process.argv[2] ?? 'ecs-workbench.vsix';
console.log(`${file}: ${(fs.statSync(file).size / 1024).toFixed(1)} KB`);
