import { describe, expect, it } from 'vitest';
import { collectorScript } from './collector';

/**
 * PowerShell is not available where the tests run, so the collector is checked statically: it must stay
 * runnable on Windows 7 SP1's PowerShell 2.0 (no PS3+ cmdlets, operators or syntax) and read the places
 * the matcher's facts come from.
 */
const script = collectorScript();
// Comments may name what the script avoids; the checks look at code only.
const code = script
  .replace(/<#[\s\S]*?#>/g, '')
  .split('\n')
  .map((line) => line.replace(/(^|\s)#.*$/, ''))
  .join('\n');

describe('collector script', () => {
  it('reads the registry paths, WMI classes and files the inventory needs', () => {
    for (const needle of [
      'HKLM:\\SOFTWARE\\Microsoft\\Cryptography',
      "'MachineGuid'",
      'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion',
      "'ProductName'",
      "'EditionID'",
      "'DisplayVersion'",
      "'ReleaseId'",
      "'CurrentBuildNumber'",
      "'UBR'",
      "'InstallationType'",
      'Win32_QuickFixEngineering',
      'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall',
      'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall',
      'HKLM:\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration',
      "'VersionToReport'",
      "'CDNBaseUrl'",
      "'UpdateChannel'",
      '492350f6-3a01-4f97-b9c0-c7c6ddf67d60',
      '55336b82-a18d-4dd6-b5f6-9e5095c314a6',
      '7ffbc6bf-bc32-4f92-8982-f9dd17fd3114',
      'Bin\\ExSetup.exe',
      'OUTLOOK.EXE',
      'Win32_NetworkAdapterConfiguration',
      'canhgac.inventory/1',
      '/api/inventory/import',
      'System.Net.WebClient',
    ]) {
      expect(script, needle).toContain(needle);
    }
  });

  it('uses nothing newer than PowerShell 2.0', () => {
    const forbidden: [RegExp, string][] = [
      [/ConvertTo-Json|ConvertFrom-Json/i, 'JSON cmdlets (PS3)'],
      [/Invoke-RestMethod|Invoke-WebRequest/i, 'web cmdlets (PS3)'],
      [/-Depth\b/i, '-Depth (PS3 JSON)'],
      [/Get-CimInstance|New-CimSession/i, 'CIM cmdlets (PS3)'],
      [/\[ordered\]/i, '[ordered] (PS3)'],
      [/\[pscustomobject\]/i, '[pscustomobject] (PS3)'],
      [/\$PSItem\b/i, '$PSItem (PS3)'],
      [/\$PSScriptRoot\b|\$PSCommandPath\b/i, 'automatic variables of PS3'],
      [/\s-(not)?in\s/i, '-in / -notin operators (PS3)'],
      [/Get-ItemPropertyValue/i, 'Get-ItemPropertyValue (PS5)'],
      [/::new\(/i, '::new() (PS5)'],
      [/^\s*class\s/im, 'classes (PS5)'],
      [/-Parallel\b|\?\?|\?\./, 'PS7 syntax'],
      [/Where-Object\s+-?\w+\s+-(eq|ne|like|match)/i, 'simplified Where-Object syntax (PS3)'],
      [/-Encoding\s+utf8/i, 'Out-File UTF8 (writes a BOM)'],
    ];
    for (const [pattern, what] of forbidden) {
      expect(code, what).not.toMatch(pattern);
    }
  });

  it('is plain ASCII (PowerShell 2.0 reads a BOM-less script in the ANSI code page)', () => {
    const outside = [...script].filter((c) => c !== '\t' && c !== '\n' && c !== '\r' && (c < ' ' || c > '~'));
    expect(outside).toEqual([]);
  });

  it('writes UTF-8 without BOM, escapes JSON strings, and refuses a plain-http server by default', () => {
    expect(code).toContain('New-Object System.Text.UTF8Encoding $false');
    expect(code).toContain("'\\\"'");
    expect(code).toContain("'\\\\'");
    expect(code).toMatch(/\$code -lt 32/);
    expect(code).toContain("'^https://'");
  });
});
