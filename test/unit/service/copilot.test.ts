/**
 * Copilot manifests: realistic valid manifests of every type produce no error or warning; a failing
 * fixture (code and exact range, `«»`) and a passing one per rule; completion and hover. Also the
 * valid service definitions of test/fixtures/servicedefs/valid, checked against their task definition.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MANIFEST_TYPES } from '../../../server/src/service/copilot/manifestTypes';
import { assertClean, assertCodeAt, diagnosticsAt, serviceWithTasks } from './manifestFixture';

const fixtures = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures');
const URI = 'file:///w/copilot/api/manifest.yml';
const service = serviceWithTasks();

describe('Copilot manifests: valid examples of every type', () => {
  const dir = path.join(fixtures, 'copilot', 'valid');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yml'));
  it('cover every manifest type', () => {
    const types = files.map((f) =>
      /^type:\s*(.+)$/m.exec(fs.readFileSync(path.join(dir, f), 'utf8'))?.[1]?.trim(),
    );
    for (const type of MANIFEST_TYPES) assert.ok(types.includes(type), type);
  });
  for (const file of files) {
    it(`${file} has no error or warning`, () => {
      assertClean(
        service,
        `file:///w/copilot/${file.replace('.yml', '')}/manifest.yml`,
        fs.readFileSync(path.join(dir, file), 'utf8'),
      );
    });
  }
});

describe('valid service definitions', () => {
  const dir = path.join(fixtures, 'servicedefs', 'valid');
  const task = fs.readFileSync(path.join(dir, 'checkout-task-def.json'), 'utf8');
  const withTask = serviceWithTasks({ 'file:///w/deploy/checkout-task-def.json': task });
  for (const file of fs.readdirSync(dir).filter((f) => f.includes('service-def'))) {
    it(`${file} has no error or warning`, () => {
      assertClean(withTask, `file:///w/deploy/${file}`, fs.readFileSync(path.join(dir, file), 'utf8'));
    });
  }
});

const web = (extra: string, head = ''): string =>
  `name: api\ntype: Load Balanced Web Service\n${head}image:\n  build: Dockerfile\n  port: 8080\nhttp:\n  path: '/'\n${extra}`;

describe('Copilot manifests: rules', () => {
  const cases: { code: string; fail: string; pass: string }[] = [
    { code: 'ECS001', fail: web('cpu: 256\ncount: «b»: 2\n'), pass: web('cpu: 256\n') },
    { code: 'ECS012', fail: web('«memroy»: 512\n'), pass: web('memory: 1024\n') },
    { code: 'ECS010', fail: web('cpu: «"lots"»\n'), pass: web('cpu: 1024\nmemory: 2048\n') },
    {
      code: 'ECS013',
      fail: web('deployment:\n  rolling: «recreat»\n'),
      pass: web('deployment:\n  rolling: recreate\n'),
    },
    {
      code: 'ECS014',
      fail: '«n»ame: jobs\ntype: Scheduled Job\nimage:\n  build: Dockerfile\n',
      pass: 'name: jobs\ntype: Scheduled Job\nimage:\n  build: Dockerfile\non:\n  schedule: "@daily"\n',
    },
    { code: 'ECS501', fail: web('platform: «linux/amd46»\n'), pass: web('platform: linux/amd64\n') },
    {
      code: 'ECS502',
      fail: web('platform: windows/x86_64\ncpu: «512»\nmemory: 2048\n'),
      pass: web('platform: windows/x86_64\ncpu: 1024\nmemory: 2048\n'),
    },
    {
      code: 'ECS503',
      fail: web('storage:\n  ephemeral: «250»\n'),
      pass: web('storage:\n  ephemeral: 200\n'),
    },
    {
      code: 'ECS504',
      fail: web('platform: linux/arm64\ncount:\n  range: 1-4\n  spot: «2»\n'),
      pass: web('platform: linux/x86_64\ncount:\n  range: 1-4\n  spot: 2\n'),
    },
    { code: 'ECS505', fail: web('env_file: «config/app.txt»\n'), pass: web('env_file: config/app.env\n') },
    { code: 'ECS506', fail: web('cpu: 256\nmemory: «4096»\n'), pass: web('cpu: 1024\nmemory: 4096\n') },
    {
      code: 'ECS507',
      fail: 'name: s\ntype: Request-Driven Web Service\nimage:\n  location: nginx\ncpu: «300»\n',
      pass: 'name: s\ntype: Request-Driven Web Service\nimage:\n  location: nginx\ncpu: 2048\nmemory: 4096\n',
    },
    {
      code: 'ECS508',
      fail: web('sidecars:\n  proxy:\n    image: envoy\n    depends_on:\n      «proxi»: start\n'),
      pass: web('sidecars:\n  proxy:\n    image: envoy\n    depends_on:\n      api: start\n'),
    },
    {
      code: 'ECS509',
      fail: web(
        'storage:\n  volumes:\n    data:\n      path: /data\nsidecars:\n  proxy:\n    image: envoy\n    mount_points:\n      - source_volume: «dat»\n        path: /d\n',
      ),
      pass: web(
        'storage:\n  volumes:\n    data:\n      path: /data\nsidecars:\n  proxy:\n    image: envoy\n    mount_points:\n      - source_volume: data\n        path: /d\n',
      ),
    },
    { code: 'ECS510', fail: web('count:\n  range: «10-2»\n'), pass: web('count:\n  range: 2-10\n') },
    {
      code: 'ECS511',
      fail: web('count:\n  range: 1-4\n  «queue_delay»:\n    acceptable_latency: 1m\n'),
      pass: web('count:\n  range: 1-4\n  requests: 100\n'),
    },
    {
      code: 'ECS512',
      fail: 'name: j\ntype: Scheduled Job\nimage:\n  build: Dockerfile\non:\n  schedule: «"@on-demand"»\n',
      pass: 'name: j\ntype: Scheduled Job\nimage:\n  build: Dockerfile\non:\n  schedule: none\n',
    },
    {
      code: 'ECS513',
      fail: web('variables:\n  DB_PASSWORD: «/copilot/${COPILOT_APPLICATION_NAME}/secrets/db»\n'),
      pass: web('secrets:\n  DB_PASSWORD: /copilot/${COPILOT_APPLICATION_NAME}/secrets/db\n'),
    },
    {
      code: 'ECS514',
      fail: web('environments:\n  «${COPILOT_ENVIRONMENT_NAME}»:\n    count: 2\n'),
      pass: web('environments:\n  test:\n    count: 2\n'),
    },
  ];

  it('accepts every form Copilot reads (its structs at v1.33.2)', () => {
    // http.alb (HTTP.ImportedALB, http.go), exec as a map (ExecuteCommand), the object form of
    // security groups (SecurityGroupsIDsOrConfig), subnets from_tags (SubnetArgs), count forms.
    assertClean(
      service,
      URI,
      web(
        'exec:\n  enable: true\nnetwork:\n  vpc:\n    placement:\n      subnets:\n        from_tags:\n          Name: [a, b]\n    security_groups:\n      deny_default: true\n      groups: [sg-1, { from_cfn: SG }]\ncount:\n  range:\n    min: 1\n    max: 4\n    spot_from: 2\n  cpu_percentage:\n    value: 70\n    cooldown:\n      in: 30s\n',
      ).replace(
        "http:\n  path: '/'\n",
        "http:\n  path: '/'\n  alb: arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/a/b\n",
      ),
    );
    // Case-insensitive values: Copilot uppercases depends_on and lowercases platforms.
    assertClean(
      service,
      URI,
      web(
        'platform:\n  osfamily: Linux\n  architecture: AMD64\nsidecars:\n  proxy:\n    image: envoy\n    depends_on:\n      api: START\n',
      ),
    );
    assertClean(service, URI, web('platform: Linux/ARM64\n'));
  });

  it('warns, not errs, on an unknown field: Copilot ignores it', () => {
    const d = diagnosticsAt(service, URI, web('task_role:\n  policy: x\n')).filter(
      (x) => x.code === 'ECS012',
    );
    assert.equal(d.length, 1);
    assert.equal(d[0]?.severity, 2);
  });

  it('rejects `http: false` on a Backend Service (HTTP, not HTTPOrBool)', () => {
    assertCodeAt(
      service,
      URI,
      'name: b\ntype: Backend Service\nimage:\n  location: nginx\nhttp: «false»\n',
      'ECS010',
    );
  });
  for (const c of cases) {
    it(`${c.code}: reported at its exact range, and not on the passing fixture`, () => {
      assertCodeAt(service, URI, c.fail, c.code);
      assertClean(service, URI, c.pass);
    });
  }

  it('checks environment overrides with the same model and rules', () => {
    assertCodeAt(service, URI, web('environments:\n  prod:\n    «coutn»: 3\n'), 'ECS012');
    assertCodeAt(
      service,
      URI,
      web('environments:\n  prod:\n    platform: windows/x86_64\n    cpu: «256»\n'),
      'ECS502',
    );
    // An override sets only what differs: the NLB port comes from the manifest.
    assertClean(
      service,
      URI,
      web('nlb:\n  port: 443/tls\nenvironments:\n  test:\n    nlb:\n      healthcheck:\n        port: 80\n'),
    );
  });

  it('rejects an unknown type with did-you-mean and suggests fields', () => {
    assertCodeAt(service, URI, 'name: a\ntype: «Backend Servce»\n', 'ECS013');
    assertCodeAt(service, URI, web('«htp»: false\n').replace("http:\n  path: '/'\n", ''), 'ECS012');
  });

  it('accepts ${VAR} substitutions and Go templates as unknown values', () => {
    assertClean(
      service,
      URI,
      web('cpu: ${CPU}\nmemory: ${MEMORY}\nplatform: ${PLATFORM}\ncount: ${COUNT}\n'),
    );
    assertClean(
      service,
      URI,
      'name: {{.Name}}\ntype: Backend Service\nimage:\n  location: repo:{{.Tag}}\n{{- if .Exec }}\nexec: true\n{{- end }}\n',
    );
  });
});

describe('Copilot manifests: completion and hover', () => {
  function complete(fixture: string): { label: string; newText: string }[] {
    const offset = fixture.indexOf('|');
    const td = TextDocument.create(URI, 'yaml', 1, fixture.slice(0, offset) + fixture.slice(offset + 1));
    return service.doComplete(service.parse(td), td.positionAt(offset)).items.map((i) => ({
      label: i.label,
      newText: i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : '',
    }));
  }

  it('completes manifest types and platforms', () => {
    assert.deepEqual(
      complete('name: a\ntype: |\n').map((i) => i.label),
      [...MANIFEST_TYPES],
    );
    assert.ok(complete(web('platform: win|\n')).some((i) => i.label === 'windows/x86_64'));
  });

  it('completes nested keys of the type, without those present', () => {
    const labels = complete(web('count:\n  range: 1-4\n  cpu|\n')).map((i) => i.label);
    assert.ok(labels.includes('cpu_percentage') && labels.includes('requests') && !labels.includes('range'));
    assert.ok(!labels.includes('queue_delay'), 'queue_delay is a Worker Service field');
    const worker = complete('name: w\ntype: Worker Service\nsubscribe:\n  topics:\n    - name: t\n      |\n');
    assert.deepEqual(
      worker.map((i) => i.label),
      ['service', 'filter_policy', 'queue'],
    );
  });

  it('inserts a block for map fields', () => {
    const item = complete(web('stor|\n')).find((i) => i.label === 'storage');
    assert.equal(item?.newText, 'storage:\n  ');
  });

  it('hovers fields with their documentation', () => {
    const text = web('storage:\n  ephemeral: 30\n');
    const td = TextDocument.create(URI, 'yaml', 1, text);
    const hover = service.doHover(service.parse(td), td.positionAt(text.indexOf('ephemeral') + 3));
    assert.match(JSON.stringify(hover?.contents), /storage\.ephemeral.*20.*200/);
  });
});

describe('Copilot manifests: quick fixes', () => {
  function fixed(text: string, code: string): string {
    const td = TextDocument.create(URI, 'yaml', 1, text);
    const doc = service.parse(td);
    const diagnostics = service.validate(doc).filter((d) => d.code === code);
    const action = service.getCodeActions(doc, diagnostics).find((a) => a.isPreferred);
    const edit = action?.edit?.changes?.[URI]?.[0];
    assert.ok(edit, `a preferred fix for ${code}`);
    return TextDocument.applyEdits(td, [edit]);
  }

  it('renames a misspelt field and fixes a misspelt value, keeping quotes', () => {
    assert.equal(fixed(web('memroy: 1024\ncpu: 512\n'), 'ECS012'), web('memory: 1024\ncpu: 512\n'));
    assert.equal(
      fixed(web("deployment:\n  rolling: 'recreat'\n"), 'ECS013'),
      web("deployment:\n  rolling: 'recreate'\n"),
    );
    assert.equal(fixed('name: a\ntype: Backend Servce\n', 'ECS013'), 'name: a\ntype: Backend Service\n');
  });
});

describe('Copilot manifests: outline', () => {
  it('lists fields, sidecars and environments as a tree', () => {
    const text = web('sidecars:\n  envoy:\n    image: envoy\nenvironments:\n  prod:\n    count: 3\n');
    const td = TextDocument.create(URI, 'yaml', 1, text);
    const symbols = service.findDocumentSymbols(service.parse(td));
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['name', 'type', 'image', 'http', 'sidecars', 'environments'],
    );
    const sidecars = symbols.find((s) => s.name === 'sidecars');
    assert.deepEqual(
      sidecars?.children?.map((s) => s.name),
      ['envoy'],
    );
    assert.equal(symbols.find((s) => s.name === 'type')?.detail, 'Load Balanced Web Service');
  });
});
