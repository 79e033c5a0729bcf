import type { LogEvent } from '../events/model';
import { isLineTerminator, isWordChar } from './chars';
import { parseKeyValues } from './key-value';

type Rule = { re: RegExp; outcome: string; names: string[]; ports: boolean[] };

const rule = (re: RegExp, outcome: string, names: string[]): Rule => ({
  re,
  outcome,
  names,
  ports: names.map((n) => n.endsWith('_port')),
});

// The OpenSSH lines that detection needs; other sshd lines stay plain 'sshd' events. Each rule starts
// with its own letter, so a line is tried against one regex only, chosen by its first character.
const FAILED_ACCEPTED = rule(
  /^(?:Failed|Accepted) (\S+) for (?:invalid user )?(.*?) from (\S+) port (\d+)/,
  '',
  ['auth_method', 'user', 'src_ip', 'src_port'],
);
const SSHD_BY_FIRST_CHAR: Record<string, Rule> = {
  F: FAILED_ACCEPTED,
  A: FAILED_ACCEPTED,
  I: rule(/^Invalid user (.*?) from (\S+)(?: port (\d+))?/, 'invalid_user', ['user', 'src_ip', 'src_port']),
  r: rule(
    /^reverse mapping checking getaddrinfo for (\S+) \[(\S+)\] failed - POSSIBLE BREAK-IN ATTEMPT/,
    'reverse_mapping_failed',
    ['src_host', 'src_ip'],
  ),
  R: rule(/^Received disconnect from (\S+)(?: port (\d+))?:/, 'disconnect', ['src_ip', 'src_port']),
  C: rule(/^Connection closed by (?:(?:invalid |authenticating )?user (\S+) )?(\S+) port (\d+)/, 'closed', [
    'user',
    'src_ip',
    'src_port',
  ]),
  D: rule(/^Did not receive identification string from (\S+)/, 'no_identification', ['src_ip']),
};

export function isSshd(event: LogEvent): boolean {
  return event.app === 'sshd' && !event.fields['syslog.tag_module'];
}

/** OpenSSH `Failed password for root from 1.2.3.4 port 22 ssh2` and its kin. */
export function parseSshd(event: LogEvent): LogEvent {
  return parseSshdInPlace({ ...event, fields: { ...event.fields } });
}

const REPEATED = 'message repeated ';
const TIMES = ' times: [';

/**
 * syslogd folds repeats: `message repeated 5 times: [ Failed password …]` is still that line. The
 * scanner reads /^message repeated (\d+) times: \[ ?(.*)\]$/: the count, and where the line starts.
 */
function unfoldRepeat(text: string): number {
  if (!text.startsWith(REPEATED)) return -1;
  let j = REPEATED.length;
  while (text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  if (j === REPEATED.length || !text.startsWith(TIMES, j)) return -1;
  let start = j + TIMES.length;
  if (text.charCodeAt(start) === 32) start++;
  const last = text.length - 1;
  if (last < start || text.charCodeAt(last) !== 93) return -1;
  for (let k = start; k < last; k++) if (isLineTerminator(text.charCodeAt(k))) return -1;
  repeatCount = Number(text.slice(REPEATED.length, j));
  return start;
}
let repeatCount = 0;

/** parseSshd on an event the caller owns: its fields and format are updated, no copy is made. */
export function parseSshdInPlace(event: LogEvent): LogEvent {
  const fields = event.fields;
  let text = event.message;
  if (text.startsWith('error: ')) text = text.slice(7);
  const inner = unfoldRepeat(text);
  if (inner >= 0) {
    fields.repeated = repeatCount;
    text = text.slice(inner, text.length - 1);
  }
  const r = SSHD_BY_FIRST_CHAR[text.charAt(0)];
  const m = r?.re.exec(text);
  if (r && m) {
    for (let i = 0; i < r.names.length; i++) {
      const value = m[i + 1];
      if (value !== undefined) fields[r.names[i]!] = r.ports[i] ? Number(value) : value;
    }
    fields.outcome = r.outcome || (text.startsWith('Failed') ? 'failure' : 'success');
  }
  event.format = 'sshd';
  return event;
}

/** `^pam_\w+\(`: a PAM module name and its opening parenthesis. */
function startsWithPamModule(text: string): boolean {
  if (!text.startsWith('pam_')) return false;
  let i = 4;
  while (isWordChar(text.charCodeAt(i))) i++;
  return i > 4 && text.charCodeAt(i) === 40;
}

export function isPam(event: LogEvent): boolean {
  const m = event.message;
  switch (m.charCodeAt(0)) {
    case 112: // p
      if (startsWithPamModule(m)) return true;
      break;
    case 97: // a
      if (m.startsWith('authentication failure;')) return true;
      break;
    case 99: // c
      if (m.startsWith('check pass;')) return true;
      break;
    case 115: // s
      if (m.startsWith('session opened') || m.startsWith('session closed')) return true;
      break;
  }
  return String(event.fields['syslog.tag_module'] ?? '').startsWith('pam_');
}

const PAM_MODULE = /^(pam_\w+)\(([^:)]+)(?::(\w+))?\): /;
const SESSION = /^session (opened|closed) for user (\S+)/;

/**
 * PAM: `pam_unix(sshd:auth): authentication failure; logname= uid=0 … rhost=1.2.3.4  user=root`
 * and the old Red Hat form `sshd(pam_unix)[pid]: authentication failure; …`.
 */
export function parsePam(event: LogEvent): LogEvent {
  return parsePamInPlace({ ...event, fields: { ...event.fields } });
}

/** parsePam on an event the caller owns: its fields and format are updated, no copy is made. */
export function parsePamInPlace(event: LogEvent): LogEvent {
  const fields = event.fields;
  let text = event.message;
  const mod = text.startsWith('pam_') ? PAM_MODULE.exec(text) : null;
  if (mod) {
    // Set even when undefined, as Object.assign did: the keys are part of the output.
    fields.pam_module = mod[1];
    fields.pam_service = mod[2];
    fields.pam_type = mod[3];
    text = text.slice(mod[0].length);
  } else if (fields['syslog.tag_module']) {
    fields.pam_module = fields['syslog.tag_module'];
    fields.pam_service = event.app;
  }
  const semi = text.indexOf(';');
  fields.pam_event = (semi >= 0 ? text.slice(0, semi) : text).trim();
  const kv = semi >= 0 ? parseKeyValues(text.slice(semi + 1)) : null;
  if (kv) {
    for (const k in kv) {
      const v = kv[k]!;
      if (v !== '') fields[k === 'rhost' ? 'src_ip' : k] = v;
    }
  }
  const session = text.startsWith('session ') ? SESSION.exec(text) : null;
  if (session) {
    fields.pam_event = `session ${session[1]}`;
    fields.user = session[2];
  }
  event.format = 'pam';
  return event;
}
