import { Badge } from '@mantine/core';
import type { Host, HostCriticality } from '../contract-types';
import { useT } from '../i18n/use-t';

export const CRITICALITIES: readonly HostCriticality[] = ['low', 'medium', 'high', 'critical'];
export const ARCHITECTURE_OPTIONS = ['x64', 'x86', 'arm64'];

const CRITICALITY_COLORS: Record<HostCriticality, string> = {
  low: 'gray',
  medium: 'blue',
  high: 'orange',
  critical: 'red',
};

export function CriticalityBadge({ value }: { value: HostCriticality }) {
  const t = useT();
  return (
    <Badge variant="light" color={CRITICALITY_COLORS[value]}>
      {t(`hosts.criticality.${value}`)}
    </Badge>
  );
}

/** "Windows 10 Pro 22H2"; the registry's product name with the feature release when known. */
export function osName(host: Pick<Host, 'productName' | 'displayVersion'>): string | null {
  if (!host.productName) return null;
  return host.displayVersion ? `${host.productName} ${host.displayVersion}` : host.productName;
}

/** "19045.2673": the build and its update revision, what the vulnerability matcher compares. */
export function osBuild(host: Pick<Host, 'build' | 'ubr'>): string | null {
  if (host.build === null) return null;
  return host.ubr === null ? String(host.build) : `${host.build}.${host.ubr}`;
}
