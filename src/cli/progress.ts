import type { ProgressEvent } from '../collect/collector.ts';
import type { GradeProgress } from '../grading/grade-lab.ts';
import { plainText } from '../grading/reporters/text-safety.ts';
import { pick, t, type Lang } from '../shared/i18n.ts';

/** Shows what the grader is doing, on stderr: a spinner line on a TTY, plain lines otherwise. */
export interface Progress {
  update(p: GradeProgress): void;
  stop(): void;
}

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const SPIN_MS = 80;

export function createProgress(stream: ProgressStream, lang: Lang, opts: { tty: boolean; clock?: () => number }): Progress {
  return opts.tty ? new SpinnerProgress(stream, lang, opts.clock ?? Date.now) : new LineProgress(stream, lang, opts.clock ?? Date.now);
}

/** One line per host event, for logs and CI (no cursor movement). */
class LineProgress implements Progress {
  private readonly stream: ProgressStream;
  private readonly lang: Lang;
  private readonly clock: () => number;
  private samples = 0;
  private observeStart = 0;
  private observeTotal = 0;
  constructor(stream: ProgressStream, lang: Lang, clock: () => number) {
    this.stream = stream;
    this.lang = lang;
    this.clock = clock;
  }
  update(p: GradeProgress): void {
    if (p.stage === 'collect') this.line(hostText(p.event, this.lang));
    else if (p.stage === 'observe-start') {
      this.observeStart = this.clock();
      this.observeTotal = p.durationSeconds;
      this.line(observeStartText(p.durationSeconds, p.intervalSeconds, this.lang));
    } else if (p.stage === 'observe') {
      if (p.event.phase === 'failed') this.line(hostText(p.event, this.lang));
      if (p.event.phase !== 'done') return;
      this.samples += 1;
      const elapsed = Math.round((this.clock() - this.observeStart) / 1000);
      this.line(
        pick(
          t(
            `已采样 ${this.samples} 次（${elapsed}/${this.observeTotal} 秒）`,
            `sample ${this.samples} taken (${elapsed}/${this.observeTotal} s)`,
          ),
          this.lang,
        ),
      );
    } else this.line(gradeText(p.labs, this.lang));
  }
  stop(): void {}
  private line(text: string): void {
    this.stream.write(`${text}\n`);
  }
}

/** A single redrawn line with a spinner; cleared when done so the report starts clean. */
class SpinnerProgress implements Progress {
  private readonly hosts = new Map<string, string>();
  private stage = '';
  private observe: { start: number; total: number } | undefined;
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly stream: ProgressStream;
  private readonly lang: Lang;
  private readonly clock: () => number;
  constructor(stream: ProgressStream, lang: Lang, clock: () => number) {
    this.stream = stream;
    this.lang = lang;
    this.clock = clock;
  }
  update(p: GradeProgress): void {
    if (p.stage === 'collect' || p.stage === 'observe') {
      // Notices worth keeping (a host key trusted on first use, a failure) stay above the spinner.
      if (p.event.detail) this.stream.write(`\r\u001b[2K${hostText(p.event, this.lang)}\n`);
      this.hosts.set(p.event.host, hostText({ ...p.event, detail: undefined }, this.lang));
    }
    if (p.stage === 'observe-start') {
      this.observe = { start: this.clock(), total: p.durationSeconds };
      this.hosts.clear();
    }
    if (p.stage === 'grade') {
      this.observe = undefined;
      this.hosts.clear();
      this.stage = gradeText(p.labs, this.lang);
    }
    if (!this.timer) {
      this.timer = setInterval(() => this.draw(), SPIN_MS);
      this.timer.unref();
    }
    this.draw();
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.stream.write('\r\u001b[2K');
  }
  private draw(): void {
    this.frame = (this.frame + 1) % FRAMES.length;
    const parts = [...this.hosts.values()];
    if (this.observe) {
      const elapsed = Math.min(this.observe.total, Math.round((this.clock() - this.observe.start) / 1000));
      parts.unshift(pick(t(`观察中 ${elapsed}/${this.observe.total} 秒`, `observing ${elapsed}/${this.observe.total} s`), this.lang));
    }
    if (parts.length === 0 && this.stage) parts.push(this.stage);
    const columns = (this.stream as { columns?: number }).columns ?? 100;
    const text = `${FRAMES[this.frame]} ${parts.join(' · ')}`;
    this.stream.write(`\r\u001b[2K${fitWidth(text, Math.max(20, columns - 1))}`);
  }
}

// CJK and full-width forms take two terminal columns; a line that wraps could not be redrawn in place.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** The longest prefix of `text` that fits in `columns` terminal columns. */
export function fitWidth(text: string, columns: number): string {
  let used = 0;
  let out = '';
  for (const ch of text) {
    used += WIDE.test(ch) ? 2 : 1;
    if (used > columns) break;
    out += ch;
  }
  return out;
}

function hostText(e: Omit<ProgressEvent, 'detail'> & { detail?: ProgressEvent['detail'] | undefined }, lang: Lang): string {
  const host = plainText(e.host);
  const n = e.probes ?? 0;
  const why = plainText(e.detail ? pick(e.detail, lang) : (e.message ?? '')).split('\n')[0] ?? '';
  switch (e.phase) {
    case 'connecting':
      return e.detail ? pick(t(`${host}：${why}`, `${host}: ${why}`), lang) : pick(t(`${host}：连接中…`, `${host}: connecting…`), lang);
    case 'running':
      return pick(t(`${host}：运行 ${n} 个探针…`, `${host}: running ${n} probes…`), lang);
    case 'done':
      return pick(t(`${host}：完成（${n} 个探针）`, `${host}: done (${n} probes)`), lang);
    case 'failed':
      return pick(t(`${host}：失败 ${why}`, `${host}: failed ${why}`), lang).trimEnd();
  }
}

function observeStartText(duration: number, interval: number, lang: Lang): string {
  return pick(
    t(
      `开始观察 ${duration} 秒，每 ${interval} 秒采样一次（Ctrl-C 中止）`,
      `observing for ${duration} s, one sample every ${interval} s (Ctrl-C stops)`,
    ),
    lang,
  );
}

function gradeText(labs: readonly string[], lang: Lang): string {
  return pick(t(`评分：${labs.join(' ')}`, `grading ${labs.join(' ')}`), lang);
}
