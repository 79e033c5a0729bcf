import { useCallback, useEffect, useMemo, useState } from 'react';
import { Route, Routes } from 'react-router';
import { AuditPage } from './audit/audit-page';
import { ChangePasswordPage } from './auth/change-password-page';
import { RequireSession } from './auth/require-session';
import { useMe } from './auth/session';
import { SignInPage } from './auth/sign-in-page';
// cameras (register, audit runs)
import { AuditRunPage } from './cameras/audit-run-page';
import { CameraPage } from './cameras/camera-page';
import { CamerasHome } from './cameras/cameras-home';
import { SystemPage } from './cameras/system-page';
// directives
import { DirectivePage } from './directives/directive-page';
import { DirectivesPage } from './directives/directives-page';
import { MyTasksPage } from './directives/my-tasks-page';
import { AppLayout } from './home/app-layout';
import { NotFoundPage } from './home/not-found-page';
import { OverviewPage } from './home/overview-page';
import { type Lang, storedLanguage, storeLanguage } from './i18n/messages';
import { LanguageProvider } from './i18n/use-t';
// incidents
import { IncidentContactsPage } from './incidents/contacts-page';
import { IncidentPage } from './incidents/incident-page';
import { IncidentsPage } from './incidents/incidents-page';
import { HostPage } from './inventory/host-page';
import { HostsPage } from './inventory/hosts-page';
import { JobsPage } from './jobs/jobs-page';
// monitoring: log sources and events
import { EventsPage } from './monitoring/events-page';
// monitoring: rules management
import { RulesEditorPage } from './monitoring/rules-editor-page';
import { RulesPage } from './monitoring/rules-page';
import { SourcesPage } from './monitoring/sources-page';
import { TokensPage } from './tokens/tokens-page';
import { UnitsPage } from './units/units-page';
import { UsersPage } from './users/users-page';
import { AlertPage } from './vulns/alert-page';
import { AlertsPage } from './vulns/alerts-page';
import { FeedsPage } from './vulns/feeds-page';
import { FindingsPage } from './vulns/findings-page';
import { VulnerabilitiesPage } from './vulns/vulnerabilities-page';
import { VulnerabilityPage } from './vulns/vulnerability-page';
// notify + watch (alerts and 24/7 duty)
import { AlertDetailPage } from './watch/alert-detail-page';
import { AlertQueuePage } from './watch/alert-queue-page';
import { ChannelsPage } from './watch/channels-page';
import { DutyPage } from './watch/duty-page';

/** The signed-in user's language wins; before sign-in, the last choice made on this browser. */
function useLanguageState() {
  const me = useMe();
  const [chosen, setChosen] = useState<Lang>(storedLanguage);
  const accountLang = me.data?.user.language;
  useEffect(() => {
    if (accountLang) storeLanguage(accountLang);
  }, [accountLang]);
  const setLang = useCallback((lang: Lang) => {
    storeLanguage(lang);
    setChosen(lang);
  }, []);
  const lang = accountLang ?? chosen;
  return useMemo(() => ({ lang, setLang }), [lang, setLang]);
}

export function App() {
  const language = useLanguageState();
  return (
    <LanguageProvider value={language}>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route
          path="/change-password"
          element={
            <RequireSession allowPasswordChange>
              <ChangePasswordPage />
            </RequireSession>
          }
        />
        <Route
          element={
            <RequireSession>
              <AppLayout />
            </RequireSession>
          }
        >
          <Route index element={<OverviewPage />} />
          <Route path="units" element={<UnitsPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="tokens" element={<TokensPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="jobs" element={<JobsPage />} />
          <Route path="inventory" element={<HostsPage />} />
          <Route path="inventory/hosts/:id" element={<HostPage />} />
          <Route path="vulnerabilities" element={<VulnerabilitiesPage />} />
          <Route path="vulnerabilities/:cve" element={<VulnerabilityPage />} />
          <Route path="feeds" element={<FeedsPage />} />
          <Route path="findings" element={<FindingsPage />} />
          <Route path="alerts" element={<AlertsPage />} />
          <Route path="alerts/:id" element={<AlertPage />} />
          {/* notify + watch (alerts and 24/7 duty) */}
          <Route path="watch/alerts" element={<AlertQueuePage />} />
          <Route path="watch/alerts/:id" element={<AlertDetailPage />} />
          <Route path="watch/duty" element={<DutyPage />} />
          <Route path="watch/channels" element={<ChannelsPage />} />
          {/* incidents */}
          <Route path="incidents" element={<IncidentsPage />} />
          <Route path="incidents/:id" element={<IncidentPage />} />
          <Route path="incident-contacts" element={<IncidentContactsPage />} />
          {/* directives */}
          <Route path="directives" element={<DirectivesPage />} />
          <Route path="directives/:id" element={<DirectivePage />} />
          <Route path="my-tasks" element={<MyTasksPage />} />
          {/* cameras (register) */}
          <Route path="cameras" element={<CamerasHome />} />
          <Route path="cameras/systems/:id" element={<SystemPage />} />
          <Route path="cameras/devices/:id" element={<CameraPage />} />
          {/* cameras: audit runs (issue 4) */}
          <Route path="cameras/audits/:id" element={<AuditRunPage />} />
          {/* monitoring: rules management */}
          <Route path="monitoring/rules" element={<RulesPage />} />
          <Route path="monitoring/rules/:id" element={<RulesEditorPage />} />
          {/* monitoring: log sources and events */}
          <Route path="log-sources" element={<SourcesPage />} />
          <Route path="events" element={<EventsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </LanguageProvider>
  );
}
