import { type QueryClient, useQuery } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from '../api';
import type { Me } from '../contract-types';

export const ME_KEY = ['me'] as const;

/** The signed-in user, or null when there is no session (401 is an answer here, not an error). */
async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** Inside the signed-in layout the session is loaded: this returns it without a null check. */
export function useSession(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSession used outside a signed-in page');
  return data;
}

export function rememberSession(client: QueryClient, me: Me): void {
  setCsrfToken(me.csrfToken);
  client.setQueryData(ME_KEY, me);
}

export function forgetSession(client: QueryClient): void {
  setCsrfToken(null);
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
  client.setQueryData(ME_KEY, null);
}

export async function signOut(client: QueryClient): Promise<void> {
  try {
    await api.post('/api/auth/sign-out');
  } finally {
    forgetSession(client);
  }
}
