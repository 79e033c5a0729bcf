/**
 * The notify job's name and attempts, in a module that imports nothing: the job registry imports the
 * notify jobs, which import delivery.ts, which queues jobs through the registry. With the constants in
 * delivery.ts, importing delivery.ts first read them before they were initialised.
 */
export const NOTIFY_DELIVER = 'notify.deliver';
export const DELIVERY_MAX_ATTEMPTS = 5;
