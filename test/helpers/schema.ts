import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

/** A strict validator for one of the JSON schemas in schema/ (e.g. "run-summary.schema.json"). */
export function schemaValidator(file: string) {
  const schema = JSON.parse(readFileSync(new URL(`../../schema/${file}`, import.meta.url), 'utf8')) as object;
  return new Ajv2020({ allErrors: true, strict: true }).compile(schema);
}
