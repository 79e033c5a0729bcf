import { randomUUID } from 'node:crypto';
import type { InventoryDocumentInput } from './contract';

/** A Windows 10 22H2 workstation inventory as the collector writes it; tests override what they need. */
export function inventoryDoc(overrides: Partial<InventoryDocumentInput> = {}): InventoryDocumentInput {
  return {
    schema: 'canhgac.inventory/1',
    collectedAt: '2024-03-20T08:00:00.000+07:00',
    machineId: randomUUID(),
    hostname: `PC-${randomUUID().slice(0, 6).toUpperCase()}`,
    os: {
      productName: 'Windows 10 Pro',
      editionId: 'Professional',
      displayVersion: '22H2',
      currentBuild: '19045',
      ubr: 2673,
      architecture: 'x64',
      installationType: 'Client',
    },
    hotfixes: [{ id: 'KB5023696', installedOn: '2023-03-15' }],
    programs: [
      { name: '7-Zip 22.01 (x64)', version: '22.01', publisher: 'Igor Pavlov' },
      { name: 'Google Chrome', version: '122.0.6261.129', publisher: 'Google LLC', installDate: '20240312' },
    ],
    ips: ['10.10.1.15'],
    ...overrides,
  };
}
