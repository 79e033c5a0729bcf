import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERRORS, type ErrorCode, formatMessage, type Lang } from '../core/errors';
import { type FieldProblem, InputError } from './validation';

export type ErrorBody = { code: string; message: string; requestId: string; fields?: FieldProblem[] };

function send(req: FastifyRequest, reply: FastifyReply, code: ErrorCode, params: Record<string, unknown>) {
  const lang: Lang = req.lang ?? 'vi';
  const body: ErrorBody = { code, message: formatMessage(code, lang, params), requestId: req.id };
  return reply.status(ERRORS[code].status).send(body);
}

/** The one place that turns a thrown error into an answer. Unknown errors never leak their text. */
export function handleError(error: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.status >= 500) req.log.error({ err: error }, 'app error');
    return send(req, reply, error.code, error.params);
  }
  if (error instanceof InputError) {
    const lang: Lang = req.lang ?? 'vi';
    const body: ErrorBody = {
      code: 'VALIDATION_FAILED',
      message: `${formatMessage('VALIDATION_FAILED', lang)}: ${error.problems[lang].map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      requestId: req.id,
      fields: error.problems[lang],
    };
    return reply.status(400).send(body);
  }
  const fastifyCode = (error as FastifyError).code;
  if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE' || (error as FastifyError).statusCode === 413) {
    return send(req, reply, 'PAYLOAD_TOO_LARGE', {});
  }
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    // Malformed JSON, wrong content type and the like: the client's fault, said plainly.
    const lang: Lang = req.lang ?? 'vi';
    const body: ErrorBody = {
      code: 'VALIDATION_FAILED',
      message: `${formatMessage('VALIDATION_FAILED', lang)}: ${error.message}`,
      requestId: req.id,
    };
    return reply.status(400).send(body);
  }
  req.log.error({ err: error }, 'unhandled error');
  return send(req, reply, 'INTERNAL', { requestId: req.id });
}
