// /etc contents of distributions (os-release and release files as they ship), for distribution.test.ts.
import type { EtcFiles } from './fake-etc.js'

const osRelease = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n') + '\n'

export const distributions: Record<string, EtcFiles> = {
  'Debian 12': {
    'os-release': osRelease({ PRETTY_NAME: '"Debian GNU/Linux 12 (bookworm)"', NAME: '"Debian GNU/Linux"', VERSION_ID: '"12"', VERSION: '"12 (bookworm)"', VERSION_CODENAME: 'bookworm', ID: 'debian' }),
    debian_version: '12.11\n',
  },
  'Debian 11': {
    'os-release': osRelease({ PRETTY_NAME: '"Debian GNU/Linux 11 (bullseye)"', NAME: '"Debian GNU/Linux"', VERSION_ID: '"11"', VERSION: '"11 (bullseye)"', VERSION_CODENAME: 'bullseye', ID: 'debian' }),
    debian_version: '11.7\n',
  },
  'Ubuntu 22.04': {
    'os-release': osRelease({ PRETTY_NAME: '"Ubuntu 22.04.3 LTS"', NAME: '"Ubuntu"', VERSION_ID: '"22.04"', VERSION: '"22.04.3 LTS (Jammy Jellyfish)"', VERSION_CODENAME: 'jammy', ID: 'ubuntu', ID_LIKE: 'debian', UBUNTU_CODENAME: 'jammy' }),
    'lsb-release': 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\nDISTRIB_CODENAME=jammy\nDISTRIB_DESCRIPTION="Ubuntu 22.04.3 LTS"\n',
    debian_version: 'bookworm/sid\n',
  },
  'Linux Mint 21': {
    'os-release': osRelease({ NAME: '"Linux Mint"', VERSION: '"21.2 (Victoria)"', ID: 'linuxmint', ID_LIKE: '"ubuntu debian"', PRETTY_NAME: '"Linux Mint 21.2"', VERSION_ID: '"21.2"', VERSION_CODENAME: 'victoria', UBUNTU_CODENAME: 'jammy' }),
    debian_version: 'bookworm/sid\n',
  },
  'Kali rolling': {
    'os-release': osRelease({ PRETTY_NAME: '"Kali GNU/Linux Rolling"', NAME: '"Kali GNU/Linux"', VERSION_ID: '"2023.3"', VERSION: '"2023.3"', VERSION_CODENAME: 'kali-rolling', ID: 'kali', ID_LIKE: 'debian' }),
    debian_version: 'kali-rolling\n',
  },
  'Devuan 4': {
    'os-release': osRelease({ PRETTY_NAME: '"Devuan GNU/Linux 4 (chimaera)"', NAME: '"Devuan GNU/Linux"', VERSION_ID: '"4"', VERSION: '"4 (chimaera)"', VERSION_CODENAME: '"chimaera"', ID: 'devuan', ID_LIKE: 'debian' }),
    debian_version: '11.1\n',
  },
  'CentOS 7': {
    'os-release': osRelease({ NAME: '"CentOS Linux"', VERSION: '"7 (Core)"', ID: '"centos"', ID_LIKE: '"rhel fedora"', VERSION_ID: '"7"', PRETTY_NAME: '"CentOS Linux 7 (Core)"' }),
    'centos-release': 'CentOS Linux release 7.9.2009 (Core)\n',
    'redhat-release': { link: 'centos-release' },
    'system-release': { link: 'centos-release' },
  },
  'CentOS Stream 9': {
    'os-release': osRelease({ NAME: '"CentOS Stream"', VERSION: '"9"', ID: '"centos"', ID_LIKE: '"rhel fedora"', VERSION_ID: '"9"', PRETTY_NAME: '"CentOS Stream 9"' }),
    'centos-release': 'CentOS Stream release 9\n',
    'redhat-release': { link: 'centos-release' },
    'system-release': { link: 'centos-release' },
  },
  'RHEL 8': {
    'os-release': osRelease({ NAME: '"Red Hat Enterprise Linux"', VERSION: '"8.8 (Ootpa)"', ID: '"rhel"', ID_LIKE: '"fedora"', VERSION_ID: '"8.8"', PRETTY_NAME: '"Red Hat Enterprise Linux 8.8 (Ootpa)"' }),
    'redhat-release': 'Red Hat Enterprise Linux release 8.8 (Ootpa)\n',
    'system-release': { link: 'redhat-release' },
  },
  'Rocky 9': {
    'os-release': osRelease({ NAME: '"Rocky Linux"', VERSION: '"9.2 (Blue Onyx)"', ID: '"rocky"', ID_LIKE: '"rhel centos fedora"', VERSION_ID: '"9.2"', PRETTY_NAME: '"Rocky Linux 9.2 (Blue Onyx)"' }),
    'rocky-release': 'Rocky Linux release 9.2 (Blue Onyx)\n',
    'redhat-release': { link: 'rocky-release' },
    'system-release': { link: 'rocky-release' },
  },
  'Oracle Linux 8': {
    'os-release': osRelease({ NAME: '"Oracle Linux Server"', VERSION: '"8.8"', ID: '"ol"', ID_LIKE: '"fedora"', VERSION_ID: '"8.8"', PRETTY_NAME: '"Oracle Linux Server 8.8"' }),
    'oracle-release': 'Oracle Linux Server release 8.8\n',
    'redhat-release': 'Red Hat Enterprise Linux release 8.8 (Ootpa)\n',
    'system-release': { link: 'oracle-release' },
  },
  'Fedora 39': {
    'os-release': osRelease({ NAME: '"Fedora Linux"', VERSION: '"39 (Server Edition)"', ID: 'fedora', VERSION_ID: '39', VERSION_CODENAME: '""', PRETTY_NAME: '"Fedora Linux 39 (Server Edition)"' }),
    'fedora-release': 'Fedora release 39 (Thirty Nine)\n',
    'redhat-release': { link: 'fedora-release' },
    'system-release': { link: 'fedora-release' },
  },
  'Amazon Linux 2': {
    'os-release': osRelease({ NAME: '"Amazon Linux"', VERSION: '"2"', ID: '"amzn"', ID_LIKE: '"centos rhel fedora"', VERSION_ID: '"2"', PRETTY_NAME: '"Amazon Linux 2"' }),
    'system-release': 'Amazon Linux release 2 (Karoo)\n',
  },
  'Amazon Linux 2023': {
    'os-release': osRelease({ NAME: '"Amazon Linux"', VERSION: '"2023"', ID: '"amzn"', ID_LIKE: '"fedora"', VERSION_ID: '"2023"', PRETTY_NAME: '"Amazon Linux 2023"' }),
    'system-release': 'Amazon Linux release 2023 (Amazon Linux)\n',
  },
  'Alpine 3.18': {
    'os-release': osRelease({ NAME: '"Alpine Linux"', ID: 'alpine', VERSION_ID: '3.18.4', PRETTY_NAME: '"Alpine Linux v3.18"' }),
    'alpine-release': '3.18.4\n',
  },
  'Arch Linux': {
    'os-release': osRelease({ NAME: '"Arch Linux"', PRETTY_NAME: '"Arch Linux"', ID: 'arch', BUILD_ID: 'rolling' }),
    'arch-release': '',
  },
  'openSUSE Leap 15.5': {
    'os-release': osRelease({ NAME: '"openSUSE Leap"', VERSION: '"15.5"', ID: '"opensuse-leap"', ID_LIKE: '"suse opensuse"', VERSION_ID: '"15.5"', PRETTY_NAME: '"openSUSE Leap 15.5"' }),
  },
  'SLES 15 SP5': {
    'os-release': osRelease({ NAME: '"SLES"', VERSION: '"15-SP5"', VERSION_ID: '"15.5"', PRETTY_NAME: '"SUSE Linux Enterprise Server 15 SP5"', ID: '"sles"', ID_LIKE: '"suse"' }),
  },
  'an unknown Linux': {
    'os-release': osRelease({ NAME: 'Foo', ID: 'foo', VERSION: '"1.2 (Bar)"' }),
  },
}
