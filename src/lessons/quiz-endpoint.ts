import { normalizeLabId } from '../labs/catalog.ts';
import { t, type Localized } from '../shared/i18n.ts';
import { getLatestSnapshot } from './latest-snapshot.ts';
import { checkAnswer } from './quiz-check.ts';
import type { Quiz } from '../shared/lesson.ts';
import { MAX_BODY_BYTES, QuizCheckRequest, type QuizCheckError, type QuizCheckResponse } from './quiz-wire.ts';

/**
 * POST /api/quiz/check, as a plain function of a Request (the route file only calls it), so tests
 * drive it without a server.
 *
 * CSRF stance (SECURITY.md W2): the body must be `application/json`, which a page on another site
 * cannot send without a CORS preflight this server never grants; a browser that says the request is
 * not same-origin (`Sec-Fetch-Site`) is refused as well. The answer changes no state, and the key
 * never leaves the server.
 */
export interface QuizEndpointDeps {
  quizOf(lab: string): Quiz | undefined;
  latestSnapshot?: typeof getLatestSnapshot;
}

const json = (status: number, body: QuizCheckResponse | QuizCheckError) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });

const refuse = (status: number, error: Localized) => json(status, { error });

/** Reads at most `max` bytes of the body; undefined when it is longer. */
async function readBounded(request: Request, max: number): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > max) return undefined;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export async function handleQuizCheck(request: Request, deps: QuizEndpointDeps): Promise<Response> {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    return refuse(403, t('只接受来自本站页面的请求。', 'Only pages of this site may check answers.'));
  }
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    return refuse(
      415,
      t('请求体必须是 JSON（Content-Type: application/json）。', 'The body must be JSON (Content-Type: application/json).'),
    );
  }
  const text = await readBounded(request, MAX_BODY_BYTES);
  if (text === undefined) return refuse(413, t(`请求体超过 ${MAX_BODY_BYTES} 字节。`, `The body is over ${MAX_BODY_BYTES} bytes.`));
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return refuse(400, t('请求体不是有效的 JSON。', 'The body is not valid JSON.'));
  }
  const parsed = QuizCheckRequest.safeParse(raw);
  if (!parsed.success) {
    return refuse(400, t('请求应为 {lab, question, answer}。', 'The request must be {lab, question, answer}.'));
  }
  const { lab, question: id, answer } = parsed.data;
  const question = normalizeLabId(lab) === lab ? deps.quizOf(lab)?.questions.find((q) => q.id === id) : undefined;
  if (!question) return refuse(404, t(`${lab} 中没有思考题 ${id}。`, `${lab} has no question ${id}.`));
  const snapshot = question.kind === 'cluster' ? await (deps.latestSnapshot ?? getLatestSnapshot)(lab) : undefined;
  const result = checkAnswer(question, answer, snapshot);
  return 'invalid' in result ? refuse(400, result.invalid) : json(200, result);
}
