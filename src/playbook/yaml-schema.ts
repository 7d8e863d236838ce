// YAML as Ansible reads it: Ansible uses PyYAML (YAML 1.1), where yes/no/on/off are booleans.
// js-yaml 4 follows YAML 1.2 (only true/false), so `become: yes` would be the string "yes" and
// `{{#if enabled}}` with `enabled: no` would be true. This schema restores the 1.1 booleans
// (PyYAML's set: no single-letter y/n) and nothing else (no 1.1 octals or sexagesimals).
import yaml from 'js-yaml'

// Same tag as js-yaml's own bool type, which this replaces: so true/false are listed too.
const YES = new Set(['true', 'True', 'TRUE', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'])
const NO = new Set(['false', 'False', 'FALSE', 'no', 'No', 'NO', 'off', 'Off', 'OFF'])

const yaml11Bool = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && (YES.has(data) || NO.has(data)),
  construct: (data: string) => YES.has(data),
  predicate: (value: unknown) => typeof value === 'boolean',
  represent: { lowercase: (value: object) => (value ? 'true' : 'false') },
  defaultStyle: 'lowercase',
})

/** The schema for every playbook, task, role and vars file. */
export const ANSIBLE_YAML_SCHEMA = yaml.DEFAULT_SCHEMA.extend({ implicit: [yaml11Bool] })
