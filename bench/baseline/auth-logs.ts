// Frozen copy of src/monitoring/ingest/auth-logs.ts at ba92f03: the baseline of bench/syslog-parse.bench.ts and
// src/monitoring/ingest/parse-differential.test.ts. Do not edit; the live parser must match it.
import type { LogEvent } from '../../src/monitoring/events/model';
import { parseKeyValues } from './key-value';

type Rule = { re: RegExp; outcome: string; names: string[] };

// The OpenSSH lines that detection needs; other sshd lines stay plain 'sshd' events.
const SSHD: Rule[] = [
  {
    re: /^(?:Failed|Accepted) (\S+) for (?:invalid user )?(.*?) from (\S+) port (\d+)/,
    outcome: '',
    names: ['auth_method', 'user', 'src_ip', 'src_port'],
  },
  {
    re: /^Invalid user (.*?) from (\S+)(?: port (\d+))?/,
    outcome: 'invalid_user',
    names: ['user', 'src_ip', 'src_port'],
  },
  {
    re: /^reverse mapping checking getaddrinfo for (\S+) \[(\S+)\] failed - POSSIBLE BREAK-IN ATTEMPT/,
    outcome: 'reverse_mapping_failed',
    names: ['src_host', 'src_ip'],
  },
  {
    re: /^Received disconnect from (\S+)(?: port (\d+))?:/,
    outcome: 'disconnect',
    names: ['src_ip', 'src_port'],
  },
  {
    re: /^Connection closed by (?:(?:invalid |authenticating )?user (\S+) )?(\S+) port (\d+)/,
    outcome: 'closed',
    names: ['user', 'src_ip', 'src_port'],
  },
  {
    re: /^Did not receive identification string from (\S+)/,
    outcome: 'no_identification',
    names: ['src_ip'],
  },
];

export function isSshd(event: LogEvent): boolean {
  return event.app === 'sshd' && !event.fields['syslog.tag_module'];
}

/** OpenSSH `Failed password for root from 1.2.3.4 port 22 ssh2` and its kin. */
export function parseSshd(event: LogEvent): LogEvent {
  const fields: Record<string, unknown> = { ...event.fields };
  let text = event.message.replace(/^error: /, '');
  // syslogd folds repeats: `message repeated 5 times: [ Failed password …]` is still that line.
  const repeated = /^message repeated (\d+) times: \[ ?(.*)\]$/.exec(text);
  if (repeated) {
    fields.repeated = Number(repeated[1]);
    text = repeated[2]!;
  }
  for (const rule of SSHD) {
    const m = rule.re.exec(text);
    if (!m) continue;
    rule.names.forEach((name, i) => {
      const value = m[i + 1];
      if (value !== undefined) fields[name] = name.endsWith('_port') ? Number(value) : value;
    });
    fields.outcome = rule.outcome || (text.startsWith('Failed') ? 'failure' : 'success');
    break;
  }
  return { ...event, format: 'sshd', fields };
}

export function isPam(event: LogEvent): boolean {
  return (
    /^pam_\w+\(|^authentication failure;|^check pass;|^session (opened|closed)/.test(event.message) ||
    /^pam_/.test(String(event.fields['syslog.tag_module'] ?? ''))
  );
}

/**
 * PAM: `pam_unix(sshd:auth): authentication failure; logname= uid=0 … rhost=1.2.3.4  user=root`
 * and the old Red Hat form `sshd(pam_unix)[pid]: authentication failure; …`.
 */
export function parsePam(event: LogEvent): LogEvent {
  const fields: Record<string, unknown> = { ...event.fields };
  let text = event.message;
  const mod = /^(pam_\w+)\(([^:)]+)(?::(\w+))?\): /.exec(text);
  if (mod) {
    Object.assign(fields, { pam_module: mod[1], pam_service: mod[2], pam_type: mod[3] });
    text = text.slice(mod[0].length);
  } else if (event.fields['syslog.tag_module']) {
    Object.assign(fields, { pam_module: event.fields['syslog.tag_module'], pam_service: event.app });
  }
  const semi = text.indexOf(';');
  fields.pam_event = (semi >= 0 ? text.slice(0, semi) : text).trim();
  const kv = semi >= 0 ? parseKeyValues(text.slice(semi + 1)) : null;
  if (kv) {
    for (const [k, v] of Object.entries(kv)) if (v !== '') fields[k === 'rhost' ? 'src_ip' : k] = v;
  }
  const session = /^session (opened|closed) for user (\S+)/.exec(text);
  if (session) Object.assign(fields, { pam_event: `session ${session[1]}`, user: session[2] });
  return { ...event, format: 'pam', fields };
}
