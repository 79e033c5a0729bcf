import { Tabs } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useSession } from '../auth/session';
import { useT } from '../i18n/use-t';
import { PageHeader } from '../ui/page-header';
import { AuditsTab } from './audits-tab';
import { CamerasTab } from './cameras-tab';
import { ComplianceTab } from './compliance-tab';
import { ScopesTab } from './scopes-tab';
import { SystemsTab } from './systems-tab';

/** /cameras: systems, cameras, compliance and (officers) scan scopes and audits, one tab each. */
export function CamerasHome() {
  const t = useT();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'systems';
  return (
    <>
      <PageHeader title={t('cameras.title')} intro={t('cameras.intro')} />
      <Tabs value={tab} onChange={(v) => setParams({ tab: v ?? 'systems' })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="systems">{t('cameras.tabSystems')}</Tabs.Tab>
          <Tabs.Tab value="devices">{t('cameras.tabDevices')}</Tabs.Tab>
          <Tabs.Tab value="compliance">{t('cameras.tabCompliance')}</Tabs.Tab>
          {(user.role === 'admin' || user.role === 'unit_officer') && (
            <Tabs.Tab value="scopes">{t('cameras.tabScopes')}</Tabs.Tab>
          )}
          {(user.role === 'admin' || user.role === 'unit_officer') && (
            <Tabs.Tab value="audits">{t('cameras.tabAudits')}</Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="systems">
          <SystemsTab />
        </Tabs.Panel>
        <Tabs.Panel value="devices">
          <CamerasTab />
        </Tabs.Panel>
        <Tabs.Panel value="compliance">
          <ComplianceTab />
        </Tabs.Panel>
        <Tabs.Panel value="scopes">
          <ScopesTab />
        </Tabs.Panel>
        <Tabs.Panel value="audits">
          <AuditsTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
