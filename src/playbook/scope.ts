// Variable precedence: THE one place that says which layer wins. Lowest first; a later layer replaces
// a whole top-level variable of an earlier one (Ansible's default hash_behaviour=replace: no deep merge).
//
//   1. role defaults          roles/X/defaults/main.yml (lowest: meant to be overridden)
//   2. inventory              all < parent groups < child groups < host (Inventory.hostVars merges these)
//   3. facts                  gathered facts (setup / gather_facts)
//   4. play vars              play `vars:`
//   5. play vars_files        in listed order
//   6. role vars              roles/X/vars/main.yml
//   7. block vars             enclosing blocks, outermost first
//   8. task vars              the task's `vars:`
//   9. include_vars           loaded by include_vars tasks on this host
//  10. set_fact / register   per-host results of earlier tasks
//  11. role params           `- role: X` + `param: 1` (and the role entry's `vars:`)
//  12. include params        `include_tasks` + `vars:`
//  13. extra vars            -e (always win over the above)
//  14. magic vars            inventory_hostname, groups, hostvars, group_names, play_hosts,
//                            ansible_play_hosts, ansible_check_mode, role_name, … (set by tsplay)
//  15. loop vars             item (or loop_control.loop_var), index_var, ansible_loop
// This is Ansible's documented order (https://docs.ansible.com/ansible/latest/playbook_guide/
// playbooks_variables.html#understanding-variable-precedence) minus the layers tsplay has no
// equivalent for (playbook-adjacent group_vars/host_vars belong to the inventory layer).
import type { Vars } from './model.js'

export interface ScopeLayers {
  /** The defaults of every role loaded so far in the play, the task's own role last. */
  roleDefaults?: Vars[]
  inventory?: Vars
  facts?: Vars
  playVars?: Vars
  varsFiles?: Vars[]
  /** Role vars (Ansible exposes the vars of roles already run to later tasks); the task's own role last. */
  roleVars?: Vars[]
  /** Enclosing blocks' vars, outermost first. */
  blockVars?: Vars[]
  taskVars?: Vars
  includeVars?: Vars
  hostFacts?: Vars
  roleParams?: Vars
  includeParams?: Vars
  extraVars?: Vars
  magic?: Vars
  loopVars?: Vars
}

/** The order in which `taskScope` applies the layers (lowest first). */
export const PRECEDENCE = [
  'roleDefaults',
  'inventory',
  'facts',
  'playVars',
  'varsFiles',
  'roleVars',
  'blockVars',
  'taskVars',
  'includeVars',
  'hostFacts',
  'roleParams',
  'includeParams',
  'extraVars',
  'magic',
  'loopVars',
] as const satisfies readonly (keyof ScopeLayers)[]

/** Merges the layers into the variables a task sees on one host. Inputs are not modified. */
export function taskScope(layers: ScopeLayers): Vars {
  const scope: Vars = {}
  for (const name of PRECEDENCE) {
    const layer = layers[name]
    if (layer === undefined) continue
    for (const vars of Array.isArray(layer) ? layer : [layer]) Object.assign(scope, vars)
  }
  return scope
}
