import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadSigmaYaml } from './load';
import { compileRuleSet } from './ruleset';

/** The Sigma specification's own schema tests, read in place from ../shared/fixtures. */
const SPEC = path.resolve(__dirname, '../../../../shared/fixtures/sigma/sigma-specification');
const present = fs.existsSync(path.join(SPEC, 'tests/schema'));
if (!present) process.stderr.write(`schema tests: ${SPEC} is absent; skipped\n`);

const SCHEMAS = {
  correlation: 'sigma-correlation-rules-schema.json',
  filter: 'sigma-filters-schema.json',
  rules: 'sigma-detection-rule-schema.json',
} as const;

describe.skipIf(!present)('Sigma specification schema tests', () => {
  for (const [folder, schemaFile] of Object.entries(SCHEMAS)) {
    const dir = path.join(SPEC, 'tests/schema', folder);
    const files = present ? fs.readdirSync(dir).filter((f) => f.endsWith('.yml')) : [];
    it(`${folder}: ${files.length} examples validate against the JSON schema and load into the typed model`, () => {
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats(ajv);
      const validate = ajv.compile(
        JSON.parse(fs.readFileSync(path.join(SPEC, 'json-schema', schemaFile), 'utf8')),
      );
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const text = fs.readFileSync(path.join(dir, file), 'utf8');
        expect(validate(parse(text)), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
        const loaded = loadSigmaYaml(text, file);
        expect(loaded.rejected, file).toEqual([]);
        expect(loaded.documents.map((d) => d.kind)).toEqual([folder === 'rules' ? 'rule' : folder]);
      }
    });
  }
  it('the rule examples compile, and a broken one fails both the schema and the loader', () => {
    const dir = path.join(SPEC, 'tests/schema/rules');
    for (const file of fs.readdirSync(dir)) {
      const loaded = loadSigmaYaml(fs.readFileSync(path.join(dir, file), 'utf8'), file);
      expect(compileRuleSet(loaded.documents).rejected, file).toEqual([]);
    }
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(
      JSON.parse(fs.readFileSync(path.join(SPEC, 'json-schema', SCHEMAS.rules), 'utf8')),
    );
    const broken = { title: 'x', logsource: { product: 'a' } };
    expect(validate(broken)).toBe(false);
    expect(loadSigmaYaml('title: x\nlogsource: {product: a}\n', 'b.yml').rejected[0]?.reason).toBe('schema');
  });
});
