import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { Page, User } from '../contract-types';
import type { Channel, Policy } from './types';

/** Active users in the caller's scope, as select options (duty people, supervisors, step targets). */
export function usePeople() {
  const users = useQuery({
    queryKey: ['users', 'duty-options'],
    queryFn: () => api.get<Page<User>>('/api/users', { pageSize: 500 }),
  });
  return (users.data?.items ?? [])
    .filter((u) => !u.disabled)
    .map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));
}

export function useChannels() {
  const channels = useQuery({
    queryKey: ['notify', 'channels'],
    queryFn: () => api.get<{ items: Channel[] }>('/api/notify/channels'),
  });
  return channels.data?.items ?? [];
}

export function usePolicies() {
  return useQuery({
    queryKey: ['watch', 'policies'],
    queryFn: () => api.get<{ items: Policy[] }>('/api/watch/policies'),
  });
}

/** "2026-12-24T08:00" typed in Vietnam time (the watch's zone, +07:00 all year) → an ISO instant. */
export function vnLocalToIso(value: string): string {
  return value ? new Date(`${value}:00+07:00`).toISOString() : '';
}
