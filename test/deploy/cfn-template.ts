/**
 * deploy/template.yaml as data, for tests that check its structure: read by cfn-lint's own YAML loader
 * (the short intrinsic tags become their long forms: !Ref X → { Ref: 'X' }), then resolved for one set
 * of parameters the way CloudFormation does: conditions evaluated, resources whose condition is false
 * dropped, Fn::If branches chosen and AWS::NoValue removed.
 */
import { spawnSync } from 'node:child_process';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export interface Resource {
  Type: string;
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Properties?: { [key: string]: Json };
}
export interface Template {
  Parameters: Record<string, { Default?: Json; AllowedValues?: Json[]; AllowedPattern?: string }>;
  Conditions: Record<string, Json>;
  Resources: Record<string, Resource>;
}

const LOAD = `
import json, sys
from cfnlint.decode import cfn_yaml
print(json.dumps(cfn_yaml.load(sys.argv[1])))
`;

/** Why the template cannot be read here (no cfn-lint for Python), or false. */
export const CFN_LOADER_MISSING =
  spawnSync('python3', ['-c', 'import cfnlint.decode.cfn_yaml'], { stdio: 'ignore' }).status === 0
    ? false
    : 'cfn-lint is not installed for python3 (pip install cfn-lint)';

export function loadTemplate(path: string): Template {
  const result = spawnSync('python3', ['-c', LOAD, path], { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
  if (result.status !== 0) throw new Error(`cannot read ${path}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Template;
}

/** The resources CloudFormation would create with these parameters (the rest at their defaults). */
export function resolveTemplate(t: Template, overrides: Record<string, string>): Record<string, Resource> {
  const params: Record<string, Json> = {};
  for (const [name, p] of Object.entries(t.Parameters)) params[name] = overrides[name] ?? p.Default ?? '';
  const conditions = new Map<string, boolean>();
  const condition = (name: string): boolean => {
    const known = conditions.get(name);
    if (known !== undefined) return known;
    const value = truth(t.Conditions[name] ?? null, params, condition);
    conditions.set(name, value);
    return value;
  };
  const out: Record<string, Resource> = {};
  for (const [name, r] of Object.entries(t.Resources)) {
    if (r.Condition && !condition(r.Condition)) continue;
    out[name] = { ...r, Properties: chooseBranches(r.Properties ?? {}, condition) as Resource['Properties'] };
  }
  return out;
}

/** Names a resource refers to (Ref, Fn::GetAtt, ${...} in Fn::Sub) that are not parameters or pseudo. */
export function references(value: Json, params: Set<string>): Set<string> {
  const found = new Set<string>();
  const add = (name: string) => {
    if (!params.has(name) && !name.startsWith('AWS::')) found.add(name);
  };
  const walk = (v: Json) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    for (const [key, inner] of Object.entries(v)) {
      if (key === 'Ref' && typeof inner === 'string') add(inner);
      else if (key === 'Fn::GetAtt' && Array.isArray(inner) && typeof inner[0] === 'string') add(inner[0]);
      else if (key === 'Fn::Sub') {
        const text = Array.isArray(inner) ? inner[0] : inner;
        if (typeof text === 'string') for (const m of text.matchAll(/\$\{([^}!.]+)/g)) add(m[1]!);
        walk(inner);
      } else walk(inner);
    }
  };
  walk(value);
  return found;
}

// --- internal ---

function truth(c: Json, params: Record<string, Json>, condition: (name: string) => boolean): boolean {
  const o = c as Record<string, Json>;
  if (typeof o['Condition'] === 'string') return condition(o['Condition']);
  const args = (key: string) => o[key] as Json[];
  if ('Fn::Equals' in o) {
    const [a, b] = args('Fn::Equals').map((x) => value(x, params));
    return String(a) === String(b);
  }
  if ('Fn::Not' in o) return !truth(args('Fn::Not')[0] ?? null, params, condition);
  if ('Fn::And' in o) return args('Fn::And').every((x) => truth(x, params, condition));
  if ('Fn::Or' in o) return args('Fn::Or').some((x) => truth(x, params, condition));
  throw new Error(`unsupported condition ${JSON.stringify(c)}`);
}

function value(x: Json, params: Record<string, Json>): Json {
  const ref = (x as Record<string, Json> | null)?.['Ref'];
  return typeof ref === 'string' && ref in params ? params[ref]! : x;
}

const NO_VALUE = Symbol('AWS::NoValue');

function chooseBranches(v: Json, condition: (name: string) => boolean): Json {
  const walk = (x: Json): Json | typeof NO_VALUE => {
    if (Array.isArray(x)) return x.map(walk).filter((y): y is Json => y !== NO_VALUE);
    if (x === null || typeof x !== 'object') return x;
    if (x['Ref'] === 'AWS::NoValue') return NO_VALUE;
    const branch = x['Fn::If'];
    if (Array.isArray(branch)) return walk((condition(String(branch[0])) ? branch[1] : branch[2]) ?? null);
    const out: Record<string, Json> = {};
    for (const [key, inner] of Object.entries(x)) {
      const y = walk(inner);
      if (y !== NO_VALUE) out[key] = y;
    }
    return out;
  };
  const result = walk(v);
  return result === NO_VALUE ? null : result;
}
