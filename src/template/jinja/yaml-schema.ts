// The one place this engine imports the YAML schema from (from_yaml): repoint here when it moves.
export { ANSIBLE_YAML_SCHEMA as YAML_SCHEMA } from '../../playbook/yaml-schema.js'
