/**
 * What MSRC CVRF (XML and JSON) and MSRC CSAF share: remediation kinds, servicing lines, KB numbers,
 * supersedence and the "Exploited:Yes" status string (VULNS.md §2.1, §2.2).
 */
import type { RemediationKind, RemediationLine } from '../model';

/** CVRF remediation Type names (XML) and CSAF categories to the model's kinds. */
export function remediationKindOf(type: string | undefined): RemediationKind {
  switch (
    type
      ?.toLowerCase()
      .replace(/[\s_]+/g, ' ')
      .trim()
  ) {
    case 'vendor fix':
      return 'vendor_fix';
    // MSRC's own type (not in CVRF 1.1): repeats the KB of a fix with a known issue; never a fix (VULNS.md §4.3).
    case 'known issue':
      return 'known_issue';
    case 'mitigation':
      return 'mitigation';
    case 'workaround':
      return 'workaround';
    case 'will not fix':
    case 'no fix planned':
      return 'will_not_fix';
    default:
      return 'other';
  }
}

/**
 * MSRC SubType (plus the Description for Office and Visual Studio rows) to a servicing line. 2024 spells
 * hotpatch "SecurityHotpatchUpdate" and "Security Hotpatch Update", 2023-Mar "AzureHotpatch" (VULNS.md §2.1).
 * Click-to-Run and Release Notes rows carry SubType "Security Update"; the Description names the real line.
 */
export function remediationLineOf(
  subType: string | undefined,
  description: string | undefined,
): RemediationLine {
  const key = (subType ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (key.includes('hotpatch')) return 'hotpatch';
  if (key === 'monthlyrollup') return 'monthly_rollup';
  if (key === 'securityonly') return 'security_only';
  if (key === 'iecumulative') return 'ie_cumulative';
  if (key === 'clicktorun') return 'click_to_run';
  const described = (description ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (described === 'clicktorun') return 'click_to_run';
  if (described === 'releasenotes') return 'release_notes';
  if (key === 'securityupdate') return 'security_update';
  return 'other';
}

/** "KB5023696" when the text is a KB number with or without the prefix; otherwise undefined. */
export function kbOf(text: string | undefined): string | undefined {
  const match = /^\s*(?:KB)?(\d+)\s*$/i.exec(text ?? '');
  return match === null ? undefined : `KB${match[1]}`;
}

/** MSRC "Supercedence" (sic): one KB in practice, split defensively on commas, semicolons and spaces. */
export function supersededKbs(text: string | undefined): string[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const kbs = text
    .split(/[\s,;]+/)
    .filter((part) => part !== '')
    .map((part) => kbOf(part) ?? part);
  return kbs.length === 0 ? undefined : [...new Set(kbs)];
}

/** "Yes"/"No" to a boolean; "Maybe" (Office, .NET) stays unknown. */
export function restartRequiredOf(text: string | undefined): boolean | undefined {
  const value = text?.trim().toLowerCase();
  if (value === 'yes') return true;
  if (value === 'no') return false;
  return undefined;
}

/**
 * "Publicly Disclosed:No;Exploited:Yes;Latest Software Release:Exploitation Detected;DOS:N/A". The XML
 * wraps long strings over lines, so whitespace is collapsed first. Absent keys (CBL-Mariner rows write
 * only "DOS:N/A") leave the flags undefined.
 */
export function exploitStatusOf(text: string | undefined): {
  exploited?: boolean;
  publiclyDisclosed?: boolean;
} {
  const out: { exploited?: boolean; publiclyDisclosed?: boolean } = {};
  for (const part of (text ?? '').replace(/\s+/g, ' ').split(';')) {
    const colon = part.indexOf(':');
    if (colon === -1) continue;
    const key = part.slice(0, colon).trim().toLowerCase();
    const value = part
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    const flag = value === 'yes' ? true : value === 'no' ? false : undefined;
    if (flag === undefined) continue;
    if (key === 'exploited') out.exploited = flag;
    else if (key === 'publicly disclosed') out.publiclyDisclosed = flag;
  }
  return out;
}
