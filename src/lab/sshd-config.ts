// The sshd_config every lab host runs with. Defaults kept where they matter to tsplay's users
// (MaxStartups, MaxSessions): tests must meet the same limits as real servers.
export const SSHD_CONFIG = 'etc/tsplay/sshd_config'

export function sshdConfig(): string {
  return [
    'Port 22',
    'HostKey /etc/tsplay/ssh_host_ed25519_key',
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication yes', // deploy logs in by key or password
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'UseDNS no',
    'PrintMotd no',
    'PrintLastLog no',
    'PidFile none',
    'AuthorizedKeysFile .ssh/authorized_keys',
    'AcceptEnv LANG LC_*',
    'Subsystem sftp internal-sftp',
    '',
  ].join('\n')
}
