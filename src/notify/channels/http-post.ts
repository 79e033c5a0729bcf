import { DeliveryError, SEND_TIMEOUT_MS } from './types';

/** POSTs JSON and reads the answer; 4xx but 408/429 is permanent, everything else may pass later. */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new DeliveryError(`${(error as Error).message}${cause ? ` (${cause})` : ''}`);
  }
  const text = (await res.text()).slice(0, 1000);
  if (res.ok) return { status: res.status, text };
  const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
  throw new DeliveryError(`HTTP ${res.status}: ${text.slice(0, 300)}`, retryable);
}
