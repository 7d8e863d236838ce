// Docs of the modules that manage packages, services, users and system settings.
import { IGNORED, type ModuleDoc } from './types.js'

const PACKAGE_STATE = 'present/installed: installed; latest: installed and upgraded; absent/removed: removed.'

export const apt: ModuleDoc = {
  short: 'Manage Debian packages with apt',
  description: 'Installs, upgrades or removes packages with apt-get, reading dpkg\'s state first: nothing changes (and nothing runs) when the packages are as wanted.',
  args: {
    name: 'Package names, a list or comma-separated (name=VERSION pins a version).',
    state: PACKAGE_STATE,
    deb: 'A .deb file on the host to install.',
    update_cache: 'Run apt-get update first.',
    cache_valid_time: 'Seconds the package lists stay valid: update_cache only when they are older.',
    purge: 'With state=absent: remove configuration files too.',
    install_recommends: 'Install recommended packages (default: apt\'s setting).',
    force: 'Allow downgrades and unauthenticated packages.',
    autoremove: 'Remove packages no longer needed.',
    default_release: 'Target release (apt-get -t).',
    allow_unauthenticated: 'Install packages that cannot be authenticated.',
    dpkg_options: 'Options for dpkg, comma-separated (force-confdef,force-confold).',
  },
  examples: `- name: Base packages
  apt:
    name: [curl, ca-certificates, jq]
    update_cache: true
    cache_valid_time: 3600

- name: No telnet
  apt:
    name: telnet
    state: absent
    purge: true
`,
}

export const package_: ModuleDoc = {
  short: "Manage packages with the host's package manager",
  description: 'Installs or removes packages with apt, dnf, yum or apk, whichever the host has (or `use`).',
  args: { name: 'Package names, a list or comma-separated.', state: PACKAGE_STATE, use: 'The package manager; auto picks the one the host has.' },
  examples: `- name: Git
  package:
    name: git
`,
}

export const service: ModuleDoc = {
  short: 'Manage services (systemd, or sysv init scripts)',
  description:
    'Starts, stops, restarts or reloads a service and enables it at boot, with systemctl where systemd runs, else with service and the init.d script. ' +
    'started/stopped change only when the service is not already so.',
  args: {
    name: 'The service.',
    state: 'started, stopped; restarted and reloaded always act.',
    enabled: 'Start at boot.',
    pattern: 'Without a status command: the service runs when a process matches this pattern.',
    sleep: 'Seconds between stop and start of a restart.',
    arguments: 'More arguments for the init script.',
    runlevel: IGNORED,
    use: IGNORED,
  },
  examples: `- name: etcd running and enabled
  service:
    name: etcd
    state: started
    enabled: true
`,
}

export const systemd: ModuleDoc = {
  short: 'Manage systemd units',
  description: 'Like service, for systemd only, with daemon_reload after unit files change.',
  args: {
    name: 'The unit.',
    state: 'started, stopped; restarted and reloaded always act.',
    enabled: 'Start at boot.',
    daemon_reload: 'Run systemctl daemon-reload first.',
    daemon_reexec: IGNORED,
    masked: 'Not supported yet: refused with a message.',
    scope: IGNORED,
    no_block: IGNORED,
    force: IGNORED,
  },
  examples: `- name: After a new unit file
  systemd:
    name: kubelet
    state: restarted
    daemon_reload: true
`,
}

export const sysctl: ModuleDoc = {
  short: 'Kernel parameters in sysctl files, applied',
  description: 'Writes name = value to sysctl_file and applies it with sysctl (reload).',
  args: {
    name: 'The parameter (net.ipv4.ip_forward).',
    value: 'Its value.',
    state: 'present: set; absent: removed from the file.',
    sysctl_file: 'The file to write.',
    reload: 'Apply the file with sysctl -p when it changed.',
    sysctl_set: 'Also check and set the running value with sysctl -w.',
    ignoreerrors: 'Ignore unknown keys when applying.',
  },
  examples: `- name: Routing
  sysctl:
    name: net.ipv4.ip_forward
    value: '1'
    sysctl_file: /etc/sysctl.d/90-forward.conf
`,
}

export const mount: ModuleDoc = {
  short: 'Mount points in fstab, mounted or not',
  description: 'Keeps an fstab entry and the mount state in line: mounted (entry + mounted), present (entry only), unmounted, absent (neither), remounted, ephemeral (mounted, no entry).',
  args: {
    path: 'The mount point.',
    src: 'Device, label, UUID or remote path to mount.',
    fstype: 'File system type.',
    opts: 'Mount options.',
    dump: 'fstab dump field.',
    passno: 'fstab pass field.',
    state: 'mounted, present, unmounted, absent, remounted or ephemeral.',
    fstab: 'The fstab file.',
    boot: IGNORED,
    backup: IGNORED,
  },
  examples: `- name: The data disk
  mount:
    path: /srv/data
    src: /dev/vdb1
    fstype: ext4
    state: mounted
`,
}

export const hostname: ModuleDoc = {
  short: "Set the host's name",
  description: 'Sets the running host name and /etc/hostname.',
  args: { name: 'The new name.', use: IGNORED },
  examples: `- name: Named after the inventory
  hostname:
    name: node1
`,
}

export const timezone: ModuleDoc = {
  short: 'Set the system time zone (community.general.timezone)',
  description: "Reads the zone as the collection does (timedatectl when systemd runs; else /etc/timezone and /etc/localtime) and sets it (timedatectl set-timezone; else /etc/timezone, the /etc/localtime link and dpkg-reconfigure tzdata on Debian). Registers diff.before.name and diff.after.name.",
  args: {
    name: 'The zone, a file under /usr/share/zoneinfo (e.g. Europe/Paris).',
    hwclock: 'Refused: tsplay sets the zone name only (the hardware clock is left alone).',
  },
  examples: `- name: Clocks in UTC
  timezone:
    name: Etc/UTC
`,
}

export const user: ModuleDoc = {
  short: 'Manage user accounts',
  description: "Creates, changes or removes a user with useradd/usermod/userdel (libuser's luseradd/lusermod/luserdel with local), reading passwd, shadow and group in one round trip; sets password ageing with chage and makes an ssh key with ssh-keygen. Results carry Ansible's keys (uid, group, home, shell, comment, ssh_public_key…).",
  args: {
    name: 'The user.',
    state: 'present or absent.',
    uid: 'User id.',
    non_unique: 'Allow a uid another user already has (-o).',
    group: 'Primary group (a name or a gid); it must exist.',
    groups: 'Supplementary groups (replacing the current ones unless append); each must exist. An empty list removes them all.',
    append: 'Add groups to the current ones.',
    shell: 'Login shell.',
    home: 'Home directory.',
    create_home: 'Create the home directory (with missing parents; also later, when it has gone missing).',
    move_home: "Move the home directory's content when home changes.",
    skeleton: 'Skeleton directory copied into a new home (useradd -k).',
    umask: 'Umask of a new home (useradd -K UMASK=); not with local.',
    system: 'A system account (only when it is created).',
    comment: 'GECOS field.',
    password: 'Encrypted password (a crypt(3) hash, never the clear text; a value that looks unhashed is set with a warning, as Ansible does).',
    update_password: 'always: set password when it differs; on_create: only for new users.',
    password_lock: 'Lock (usermod -L, or a ! before the hash) or unlock (-U) the password.',
    password_expire_min: 'Minimum days between password changes (chage -m).',
    password_expire_max: 'Maximum days a password is valid (chage -M).',
    expires: 'Account expiry as epoch seconds (a float; the day it falls on in UTC is what is kept); a negative value removes the expiry.',
    remove: 'With state=absent: remove the home directory too.',
    force: 'With state=absent: remove even when the user is logged in; with generate_ssh_key: overwrite the key.',
    local: "Manage the account in /etc/passwd with libuser's tools (which the host must have), ignoring NSS.",
    seuser: 'SELinux user (useradd -Z) of a new account.',
    generate_ssh_key: 'Make an ssh key pair for the user when the key file is missing.',
    ssh_key_bits: 'Key size (ssh-keygen -b; 0: its default).',
    ssh_key_type: 'Key type (ssh-keygen -t).',
    ssh_key_file: 'Key file, relative to the home unless absolute (default .ssh/id_TYPE).',
    ssh_key_comment: 'Key comment (default "ansible-generated on HOSTNAME").',
    ssh_key_passphrase: "The key's passphrase (sent on stdin, given to ssh-keygen's -N: it is in its argument list while it runs).",
  },
  examples: `- name: A service account
  user:
    name: etcd
    system: true
    shell: /usr/sbin/nologin
    home: /var/lib/etcd
    create_home: false
`,
}

export const group: ModuleDoc = {
  short: 'Manage groups',
  description: 'Creates, changes the gid of, or removes a group with groupadd/groupmod/groupdel (lgroupadd/lgroupmod/lgroupdel with local).',
  args: {
    name: 'The group.',
    state: 'present or absent.',
    gid: 'Group id.',
    system: 'A system group (only when it is created).',
    non_unique: 'Allow a gid another group already has (groupadd -o); needs gid.',
    local: "Manage the group in /etc/group with libuser's lgroup* tools (which the host must have), ignoring NSS; a gid another group holds fails.",
  },
  examples: `- name: Docker's group
  group:
    name: docker
    system: true
`,
}

export const authorized_key: ModuleDoc = {
  short: "SSH keys in a user's authorized_keys",
  description: 'Adds or removes public keys in ~USER/.ssh/authorized_keys (creating .ssh with the right modes), or keeps only the given keys with exclusive.',
  args: {
    user: 'The user whose file it is.',
    key: 'One or more public keys (one per line).',
    path: 'Another authorized_keys file.',
    manage_dir: 'Create ~/.ssh with mode 0700 and the user as owner.',
    state: 'present or absent.',
    exclusive: 'Remove every other key from the file.',
    key_options: 'Options put in front of the key (from="10.0.0.0/8").',
    comment: 'Comment after the key.',
    follow: IGNORED,
    validate_certs: IGNORED,
  },
  examples: `- name: The deploy key
  authorized_key:
    user: deploy
    key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl deploy@ci
`,
}

const SETUP_ARGS = {
  gather_subset:
    "Which facts: 'all', 'min', collector or fact names (network, hardware, virtual, distribution, interfaces, …), and '!name' to leave some out ('!all' keeps the minimal set, '!all,!min' nothing). A list or a comma-separated string.",
  filter: "Only facts whose names match these shell-style patterns (the 'ansible_' prefix may be left out). A list or a comma-separated string.",
  gather_timeout: 'Seconds a network mount may take to answer statfs before its sizes are left out.',
  fact_path: 'Directory of local facts (*.fact: JSON or INI, executables run), given as ansible_local.',
}

export const setup: ModuleDoc = {
  short: 'Gather facts about hosts',
  description:
    "ansible-core's facts, names and shapes: ansible_hostname, ansible_fqdn, ansible_default_ipv4, ansible_<interface>, ansible_distribution*, ansible_os_family, ansible_mounts, ansible_memory_mb, ansible_processor*, ansible_date_time, ansible_env, ansible_local and more, in one round trip (sh, coreutils, /proc, /sys and ip). Its facts are ansible_facts.NAME and ansible_NAME.",
  args: SETUP_ARGS,
  examples: `- name: Only the addresses
  setup:
    filter: ansible_default_ipv4
- name: Network facts and the minimal set
  setup:
    gather_subset: [network]
`,
}

export const gather_facts: ModuleDoc = {
  short: "Gather facts, as a play's implicit first task does",
  description: "setup, marking the facts as gathered (smart gathering and the fact cache read that). A play's gather_subset, gather_timeout and fact_path become its arguments.",
  args: { ...SETUP_ARGS, parallel: IGNORED },
  examples: `- name: Gather again after a change
  gather_facts:
`,
}
