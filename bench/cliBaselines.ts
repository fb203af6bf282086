/**
 * The baselines of `bench/cli.ts`, run as processes like `ecs-lint`: `ajv FILE...` validates each file
 * against the JSON Schema exported from the same generated model (all errors, as a linter reports them)
 * and prints one line per error; `floor FILE...` only reads and `JSON.parse`s each file. Bundled by
 * esbuild (`npm run bench:cli`), as `ecs-lint` is, so neither pays for resolving modules one by one.
 */
import fs from 'node:fs';

function main(argv: readonly string[]): number {
  const [mode, ...files] = argv;
  let out = '';
  let failed = 0;
  if (mode === 'floor') {
    for (const file of files) {
      try {
        JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        failed++;
        out += `${file}: ${String(error)}\n`;
      }
    }
  } else if (mode === 'ajv') {
    // Loaded here, so that the floor loads nothing.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { default: Ajv } = require('ajv') as typeof import('ajv');
    const { ecsModel } =
      require('../server/src/service/core/schema/model') as typeof import('../server/src/service/core/schema/model');
    const { taskDefinitionJsonSchema } = require('./jsonSchema') as typeof import('./jsonSchema');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(taskDefinitionJsonSchema(ecsModel));
    for (const file of files) {
      let value: unknown;
      try {
        value = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        failed++;
        out += `${file}: ${String(error)}\n`;
        continue;
      }
      if (!validate(value)) {
        failed++;
        for (const e of validate.errors ?? []) out += `${file}: ${e.instancePath} ${e.message ?? ''}\n`;
      }
    }
  } else {
    process.stderr.write('usage: cliBaselines ajv|floor FILE...\n');
    return 2;
  }
  process.stdout.write(out);
  return failed > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
