// The lab's programmatic API, for the CLI, the e2e tests and the bench.
export { labUp, type UpOptions, type UpResult } from './up.js'
export { labDown, type DownResult } from './down.js'
export { labStatus, labStop, labStart, labCut, labHeal, type HostStatus, type LabTarget } from './control.js'
export { labInfo, deployPassword, type LabInfo, type LabHostInfo } from './info.js'
export { DEFAULT_LAB_NAME, MAX_HOSTS, labsRoot } from './paths.js'
export { listLabs, staleLabs } from './list.js'
