import { BREAKS, REMEDY } from '../criteria.js';
import { evidence, finding } from '../findings.js';
import { CVE_TABLE } from '../firmware/cve-table.js';
import { parseFirmware } from '../firmware/versions.js';
import type { AuditCheck, Severity } from '../types.js';

const severityOf = (cvss: number | null): Severity =>
  cvss === null ? 'medium' : cvss >= 9 ? 'critical' : cvss >= 7 ? 'high' : cvss >= 4 ? 'medium' : 'low';

/**
 * Known CVEs matched from the firmware version (or banner) that earlier checks read. Versions are
 * read, never proven by attack; with no readable version a CVE is reported as "possible".
 */
export const firmwareCves: AuditCheck = {
  id: 'firmware-cves',
  async check(target, ctx) {
    const f = target.facts;
    const version = f.firmware ? parseFirmware(f.vendor, f.firmware) : undefined;
    if (f.firmware && !version)
      f.notes.push(`firmware: "${f.firmware.slice(0, 80)}" not understood for vendor ${f.vendor}`);
    for (const cve of CVE_TABLE.filter((c) => c.vendor === f.vendor)) {
      const m = cve.match(version, f);
      if (!m) continue;
      const possible = m === 'unknown';
      ctx.report(
        finding(target, 'firmware-cves', {
          key: `${possible ? 'cve-possible' : 'cve'}:${cve.id}`,
          severity: possible ? 'info' : severityOf(cve.cvss),
          confidence: possible ? 'possible' : 'version',
          title: {
            vi: `${cve.id}${cve.kev ? ' (CISA KEV: đang bị khai thác)' : ''}: ${possible ? 'có thể bị ảnh hưởng, chưa đọc được phiên bản' : 'phiên bản firmware nằm trong dải bị ảnh hưởng'} — ${cve.summary}`,
            en: `${cve.id}${cve.kev ? ' (CISA KEV: exploited)' : ''}: ${possible ? 'possibly affected; version unknown' : 'firmware version in the affected range'} — ${cve.summary}`,
          },
          criteria: [...BREAKS.vulnerable],
          remedy: REMEDY.vulnerable,
          cve: { id: cve.id, cvss: cve.cvss, kev: cve.kev },
          evidence: [
            evidence(
              f.firmwareSource ?? 'banner',
              target,
              0,
              `(version read from ${f.firmwareSource ?? 'HTTP banner'})`,
              f.firmware ?? JSON.stringify(f.http).slice(0, 300),
            ),
          ],
        }),
      );
    }
  },
};
