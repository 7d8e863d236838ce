// Docs of the modules that talk to the network or wait for hosts.
import { HTTP_ARGS, IGNORED, type ModuleDoc } from './types.js'

export const uri: ModuleDoc = {
  short: 'Make HTTP requests from hosts',
  description: 'The host sends the request with curl; the task fails when the status is not in status_code. Returns status, the headers, and content/json with return_content.',
  args: {
    ...HTTP_ARGS,
    method: 'HTTP method.',
    body: 'Request body (a mapping or list with body_format json or form-urlencoded).',
    body_format: 'How body is encoded (and the Content-Type).',
    status_code: 'Status codes that mean success.',
    return_content: 'Return the response body in `content` (and parsed in `json`).',
    dest: 'Write the response body to this file on the host.',
    creates: 'Do not send the request when this path exists.',
    removes: 'Only send it when this path exists.',
    follow_redirects: 'Follow redirects: all, safe (GET and HEAD only) or none.',
  },
  examples: `- name: etcd healthy
  uri:
    url: http://127.0.0.1:2379/health
    return_content: true
  register: health
  until: health.json.health
  retries: 10
  delay: 3
`,
}

export const wait_for: ModuleDoc = {
  short: 'Wait for a port, a file or a string in a file',
  description:
    'Waits on the host until a TCP port accepts (or stops accepting) connections or has no active ones, a file appears or goes, ' +
    'or a file contains search_regex; with neither port nor path it just waits timeout seconds. Returns elapsed, state, port, path, ' +
    'search_regex, match_groups and match_groupdict, as Ansible does.',
  args: {
    host: 'Address whose port to check, seen from the host (for drained: an IP address or localhost).',
    port: 'TCP port.',
    path: 'File to wait for.',
    state: 'started/present: appears; stopped/absent: goes; drained: no active connections on the port (read from /proc/net/tcp).',
    timeout: 'Seconds before failing (the delay counts); with neither port nor path, the seconds to wait.',
    delay: 'Seconds to wait before the first check.',
    sleep: 'Seconds between checks.',
    connect_timeout: 'Seconds a connection attempt may take.',
    search_regex: 'With path: wait until the file matches this (Python) regular expression; its groups are returned.',
    msg: 'Message when it times out.',
    active_connection_states: 'With drained: the TCP states that count as active.',
    exclude_hosts: 'With drained: remote IP addresses whose connections do not count.',
  },
  examples: `- name: The API server listens
  wait_for:
    port: 6443
    timeout: 120
`,
}

export const wait_for_connection: ModuleDoc = {
  short: 'Wait until hosts can be reached over SSH again',
  description: 'Reconnects until a command runs on the host (after a reboot or a network change), or the timeout.',
  args: {
    timeout: 'Seconds before failing (default 600).',
    delay: 'Seconds before the first attempt.',
    sleep: 'Seconds between attempts.',
    connect_timeout: 'Seconds one connection attempt may take.',
    boot_finished: 'Also wait until the boot finished (boot_finished_path exists).',
    boot_finished_path: 'The file that says the boot finished.',
  },
  examples: `- name: Back after the network restart
  wait_for_connection:
    delay: 5
    timeout: 300
`,
}

export const ping: ModuleDoc = {
  short: 'Check that hosts can be reached and run commands',
  description: 'Connects and runs a trivial command; returns ping: pong (or data). Not ICMP.',
  args: { data: "What to return in ping; 'crash' fails the task." },
  examples: `- name: Reachable
  ping:
`,
}

export const reboot: ModuleDoc = {
  short: 'Reboot hosts and wait until they are back',
  description: 'Reboots, waits until the host answers again with a new boot id, then runs test_command.',
  args: {
    reboot_timeout: 'Seconds to wait for the host to come back.',
    pre_reboot_delay: 'Seconds before rebooting.',
    post_reboot_delay: 'Seconds to wait after it is back.',
    test_command: 'Command that must succeed once it is back.',
    reboot_command: 'Command that reboots.',
    msg: 'Message for logged-in users.',
    connect_timeout: IGNORED,
    search_paths: IGNORED,
    boot_time_command: IGNORED,
  },
  examples: `- name: New kernel
  reboot:
    reboot_timeout: 900
`,
}
