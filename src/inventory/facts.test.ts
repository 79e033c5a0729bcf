import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { buildUnit } from '../../test/factories';
import type { Unit } from '../units/contract';
import type { HostFacts } from '../vulns/model';
import { hostFacts, loadHostFactsForUnitScope } from './facts';
import { inventoryDoc } from './fixtures';
import { createHost, importInventory } from './service';

let t: TestApp;
let unit: Unit;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  unit = await buildUnit(t.sys, { parentId: t.root.id, code: 'FACTS' });
  const summary = await importInventory(t.sys, unit.id, [
    // Windows 11 still writes "Windows 10" in ProductName: the matcher derives the product from the build.
    inventoryDoc({
      machineId: '6f1c2a0e-8b7d-4c3e-9a51-2d4e6f708192',
      hostname: 'W11',
      os: {
        productName: 'Windows 10 Pro',
        editionId: 'Professional',
        displayVersion: '23H2',
        currentBuild: '22631',
        ubr: 3296,
        architecture: 'AMD64',
        installationType: 'Client',
      },
      hotfixes: [{ id: 'KB5034765' }, { id: 'kb5034467' }, { id: '5034765' }],
      programs: [
        { name: 'Notepad++ (64-bit x64)', version: '8.6.2', publisher: 'Notepad++ Team' },
        { name: 'Bare' },
      ],
    }),
    inventoryDoc({
      hostname: 'SRV2022',
      os: {
        productName: 'Windows Server 2022 Datacenter',
        editionId: 'ServerDatacenter',
        displayVersion: '21H2',
        currentBuild: '20348',
        ubr: 2322,
        architecture: 'x64',
        installationType: 'Server Core',
      },
      hotfixes: [],
      programs: [],
    }),
    inventoryDoc({
      hostname: 'OFFICE',
      os: { productName: 'Windows 10 Enterprise', currentBuild: '19045', ubr: 4170, hotpatch: false },
      hotfixes: [],
      programs: [],
      office: {
        clickToRun: { version: '16.0.17328.20162', channel: 'MonthlyEnterprise', platform: 'x64' },
        msiFiles: { outlook: '16.0.5387.1000' },
      },
    }),
    inventoryDoc({
      hostname: 'MAIL',
      os: { productName: 'Windows Server 2019 Standard', currentBuild: '17763', installationType: 'Server' },
      hotfixes: [],
      programs: [],
      exchange: { version: '15.2.1544.4' },
    }),
  ]);
  for (const h of summary.hosts) ids[h.hostname] = h.id;
  ids.manual = (await createHost(t.sys, { unitId: unit.id, hostname: 'NO-FACTS' })).id;
});
afterAll(() => t.close());

describe('hostFacts', () => {
  it('maps stored rows exactly into the matcher model', async () => {
    const facts = await hostFacts(t.db, [ids.W11!, ids.SRV2022!, ids.OFFICE!, ids.MAIL!, ids.manual!]);
    const expected: HostFacts[] = [
      {
        hostId: ids.W11!,
        os: {
          productName: 'Windows 10 Pro',
          editionId: 'Professional',
          displayVersion: '23H2',
          build: 22631,
          ubr: 3296,
          architecture: 'x64',
          installationType: 'Client',
        },
        hotfixes: ['KB5034467', 'KB5034765'],
        programs: [
          { name: 'Notepad++ (64-bit x64)', version: '8.6.2', publisher: 'Notepad++ Team' },
          { name: 'Bare' },
        ],
      },
      {
        hostId: ids.SRV2022!,
        // Hotpatch enrolment not reported: the key is absent, never false.
        os: {
          productName: 'Windows Server 2022 Datacenter',
          editionId: 'ServerDatacenter',
          displayVersion: '21H2',
          build: 20348,
          ubr: 2322,
          architecture: 'x64',
          installationType: 'Server Core',
        },
        hotfixes: [],
        programs: [],
      },
      {
        hostId: ids.OFFICE!,
        os: { productName: 'Windows 10 Enterprise', build: 19045, ubr: 4170, hotpatch: false },
        hotfixes: [],
        programs: [],
        office: {
          clickToRun: { version: '16.0.17328.20162', channel: 'MonthlyEnterprise', platform: 'x64' },
          msiFiles: { outlook: '16.0.5387.1000' },
        },
      },
      {
        hostId: ids.MAIL!,
        // No UBR read: undefined, not 0.
        os: { productName: 'Windows Server 2019 Standard', build: 17763, installationType: 'Server' },
        hotfixes: [],
        programs: [],
        exchange: { version: '15.2.1544.4' },
      },
      // A host known only by name: no OS facts at all.
      { hostId: ids.manual!, hotfixes: [], programs: [] },
    ];
    expect(facts).toStrictEqual(expected);
  });

  it('skips unknown ids, keeps the requested order, and the unit-scope loader agrees', async () => {
    const one = await hostFacts(t.db, [ids.MAIL!, '00000000-0000-4000-8000-000000000000', ids.W11!]);
    expect(one.map((f) => f.hostId)).toEqual([ids.MAIL, ids.W11]);
    const scoped = await loadHostFactsForUnitScope(t.sys, unit.id);
    const direct = await hostFacts(t.db, Object.values(ids));
    const byId = (list: HostFacts[]) => [...list].sort((a, b) => a.hostId.localeCompare(b.hostId));
    expect(byId(scoped)).toStrictEqual(byId(direct));
    expect(await hostFacts(t.db, [])).toEqual([]);
  });

  it('reads in three queries whatever the number of hosts', async () => {
    const many = Array.from({ length: 40 }, () => inventoryDoc());
    const summary = await importInventory(t.sys, unit.id, many);
    let queries = 0;
    const db = new Proxy(t.db, {
      get(target, prop, receiver) {
        if (prop === 'select') queries++;
        return Reflect.get(target, prop, receiver);
      },
    });
    const facts = await hostFacts(
      db,
      summary.hosts.map((h) => h.id),
    );
    expect(facts).toHaveLength(40);
    expect(facts.every((f) => f.programs.length === 2 && f.hotfixes.length === 1)).toBe(true);
    expect(queries).toBe(3);
  });
});
