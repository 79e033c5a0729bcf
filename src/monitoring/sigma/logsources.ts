/**
 * Logsource → event routing table (data). A Sigma rule names `product/category/service`; which log records
 * that means is not in the rule. Windows logsources resolve to Channel (+ EventID, + extra field values)
 * conditions and, for Security 4688, field renames; the others are routed by the logsource hint the ingest
 * attaches to an event (e.g. a FortiGate syslog source is `{product: fortigate, service: event}`).
 * Sources: SigmaHQ `tests/thor.yml` (category → Sysmon/Security EventIDs, 4688 renames), Sigma taxonomy
 * appendix (service → channel). Documented in docs/monitoring-sigma.md.
 */
export type RouteVariant = {
  channels: string[];
  eventIds?: number[];
  /** Extra equality conditions on the event (e.g. Sysmon 12 with EventType CreateKey). */
  where?: Record<string, string[]>;
  /** Sigma field → field of this log (Security 4688 calls the image NewProcessName). */
  fields?: Record<string, string>;
};

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';
const SYSMON_LINUX = 'Linux-Sysmon/Operational';
const sysmon = (...eventIds: number[]): RouteVariant => ({ channels: [SYSMON], eventIds });

/** `product: windows` + `service:` → event log channel(s). */
export const WINDOWS_SERVICES: Record<string, string[]> = {
  security: ['Security'],
  system: ['System'],
  application: ['Application'],
  sysmon: [SYSMON],
  powershell: ['Microsoft-Windows-PowerShell/Operational', 'PowerShellCore/Operational'],
  'powershell-classic': ['Windows PowerShell'],
  taskscheduler: ['Microsoft-Windows-TaskScheduler/Operational'],
  wmi: ['Microsoft-Windows-WMI-Activity/Operational'],
  windefend: ['Microsoft-Windows-Windows Defender/Operational'],
  'bits-client': ['Microsoft-Windows-Bits-Client/Operational'],
  'codeintegrity-operational': ['Microsoft-Windows-CodeIntegrity/Operational'],
  'appxdeployment-server': ['Microsoft-Windows-AppXDeploymentServer/Operational'],
  'appxpackaging-om': ['Microsoft-Windows-AppxPackaging/Operational'],
  'appmodel-runtime': ['Microsoft-Windows-AppModel-Runtime/Admin'],
  'firewall-as': ['Microsoft-Windows-Windows Firewall With Advanced Security/Firewall'],
  'msexchange-management': ['MSExchange Management'],
  'dns-client': ['Microsoft-Windows-DNS Client Events/Operational'],
  'dns-server': ['DNS Server'],
  'dns-server-analytic': ['Microsoft-Windows-DNS-Server/Analytical'],
  'iis-configuration': ['Microsoft-IIS-Configuration/Operational'],
  ntlm: ['Microsoft-Windows-NTLM/Operational'],
  'security-mitigations': [
    'Microsoft-Windows-Security-Mitigations/Kernel Mode',
    'Microsoft-Windows-Security-Mitigations/User Mode',
  ],
  applocker: [
    'Microsoft-Windows-AppLocker/MSI and Script',
    'Microsoft-Windows-AppLocker/EXE and DLL',
    'Microsoft-Windows-AppLocker/Packaged app-Deployment',
    'Microsoft-Windows-AppLocker/Packaged app-Execution',
  ],
  'terminalservices-localsessionmanager': [
    'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational',
  ],
  'smbclient-security': ['Microsoft-Windows-SmbClient/Security'],
  'smbclient-connectivity': ['Microsoft-Windows-SmbClient/Connectivity'],
  'smbserver-connectivity': ['Microsoft-Windows-SMBServer/Connectivity'],
  'printservice-admin': ['Microsoft-Windows-PrintService/Admin'],
  'printservice-operational': ['Microsoft-Windows-PrintService/Operational'],
  'shell-core': ['Microsoft-Windows-Shell-Core/Operational'],
  openssh: ['OpenSSH/Operational'],
  'lsa-server': ['Microsoft-Windows-LSA/Operational'],
  'driver-framework': ['Microsoft-Windows-DriverFrameworks-UserMode/Operational'],
  'diagnosis-scripted': ['Microsoft-Windows-Diagnosis-Scripted/Operational'],
  capi2: ['Microsoft-Windows-CAPI2/Operational'],
  'certificateservicesclient-lifecycle-system': [
    'Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational',
  ],
  'microsoft-servicebus-client': ['Microsoft-ServiceBus-Client'],
  ldap: ['Microsoft-Windows-LDAP-Client/Debug'],
  kerberos: ['Microsoft-Windows-Kerberos/Operational'],
};

/** `product: windows` + `category:` → Sysmon / Security / PowerShell records. */
export const WINDOWS_CATEGORIES: Record<string, RouteVariant[]> = {
  process_creation: [
    sysmon(1),
    {
      channels: ['Security'],
      eventIds: [4688],
      fields: { Image: 'NewProcessName', ParentImage: 'ParentProcessName' },
    },
  ],
  file_change: [sysmon(2)],
  network_connection: [sysmon(3)],
  sysmon_status: [sysmon(4, 16)],
  process_termination: [sysmon(5)],
  driver_load: [sysmon(6)],
  image_load: [sysmon(7)],
  create_remote_thread: [sysmon(8)],
  raw_access_thread: [sysmon(9)],
  process_access: [sysmon(10)],
  file_event: [sysmon(11)],
  registry_event: [sysmon(12, 13, 14)],
  registry_add: [{ ...sysmon(12), where: { EventType: ['CreateKey'] } }],
  registry_delete: [{ ...sysmon(12), where: { EventType: ['DeleteKey', 'DeleteValue'] } }],
  registry_set: [sysmon(13)],
  registry_rename: [sysmon(14)],
  create_stream_hash: [sysmon(15)],
  pipe_created: [sysmon(17, 18)],
  wmi_event: [sysmon(19, 20, 21)],
  dns_query: [sysmon(22)],
  file_delete: [sysmon(23, 26)],
  clipboard_capture: [sysmon(24)],
  process_tampering: [sysmon(25)],
  file_block_executable: [sysmon(27)],
  file_block_shredding: [sysmon(28)],
  file_executable_detected: [sysmon(29)],
  sysmon_error: [sysmon(255)],
  ps_module: [
    {
      channels: ['Microsoft-Windows-PowerShell/Operational', 'PowerShellCore/Operational'],
      eventIds: [4103],
    },
  ],
  ps_script: [
    {
      channels: ['Microsoft-Windows-PowerShell/Operational', 'PowerShellCore/Operational'],
      eventIds: [4104],
    },
  ],
  ps_classic_start: [{ channels: ['Windows PowerShell'], eventIds: [400] }],
  ps_classic_provider_start: [{ channels: ['Windows PowerShell'], eventIds: [600] }],
  ps_classic_script: [{ channels: ['Windows PowerShell'], eventIds: [800] }],
};

/** Sysmon for Linux writes the same EventIDs to its own channel; auditd/syslog sources come by hint. */
export const LINUX_CATEGORIES: Record<string, RouteVariant[]> = {
  process_creation: [{ channels: [SYSMON_LINUX], eventIds: [1] }],
  network_connection: [{ channels: [SYSMON_LINUX], eventIds: [3] }],
  file_event: [{ channels: [SYSMON_LINUX], eventIds: [11] }],
  file_delete: [{ channels: [SYSMON_LINUX], eventIds: [23] }],
};

/**
 * Hint-routed logsources and the fields their parsed events are expected to carry (the ingest's parsers
 * fill these names; listed so that parser and rules agree).
 */
export const HINTED_SOURCES: Record<string, { logsource: Record<string, string>; fields: string[] }> = {
  'linux syslog/auth/sshd/cron/sudo': {
    logsource: { product: 'linux' },
    fields: ['message (the whole line; Linux builtin rules are keyword rules)', 'host', 'program', 'pid'],
  },
  'linux auditd': {
    logsource: { product: 'linux', service: 'auditd' },
    fields: ['type', 'exe', 'comm', 'a0…a9', 'key', 'name'],
  },
  'web access logs (Apache, Nginx, IIS)': {
    logsource: { category: 'webserver' },
    fields: [
      'cs-method',
      'cs-uri-stem',
      'cs-uri-query',
      'c-uri',
      'sc-status',
      'cs-user-agent',
      'cs-referer',
      'c-ip',
      'cs-host',
    ],
  },
  proxy: {
    logsource: { category: 'proxy' },
    fields: ['c-uri', 'c-useragent', 'cs-host', 'cs-method', 'r-dns', 'sc-status'],
  },
  'generic firewall': {
    logsource: { category: 'firewall' },
    fields: ['src_ip', 'src_port', 'dst_ip', 'dst_port', 'action', 'protocol'],
  },
  FortiGate: {
    logsource: { product: 'fortigate', service: 'event' },
    fields: [
      'FortiGate key=value names as sent: action, cfgpath, cfgobj, cfgattr, logdesc, user, ui, srcip, dstip…',
    ],
  },
  'Cisco IOS/ASA AAA': {
    logsource: { product: 'cisco', service: 'aaa' },
    fields: ['message (keyword rules)'],
  },
  DNS: { logsource: { category: 'dns' }, fields: ['query', 'answer', 'record_type', 'src_ip'] },
};
