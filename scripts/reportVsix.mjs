// Prints the size and the file list of a packaged .vsix, so packaging regressions are visible.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const file = process.argv[2] ?? 'ecs-workbench.vsix';
const size = fs.statSync(file).size;
const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
console.log(listing.trim());
console.log(`${file}: ${(size / 1024).toFixed(1)} KB`);
