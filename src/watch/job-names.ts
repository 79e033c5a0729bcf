/** The watch's job names, in a module that imports nothing (see notify/job-names.ts for why). */
export const WATCH_ESCALATE = 'watch.escalate';
