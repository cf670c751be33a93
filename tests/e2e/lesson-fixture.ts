import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT, type RunningSite } from './site-server.ts';

/**
 * A scratch copy of the site whose labs/ holds a tiny fixture course, so the lesson components are
 * tested on known content while the real lessons are still being written:
 * - lab-01: a full lesson in both languages using every component, with a quiz of each kind;
 * - lab-02: metadata only (lesson not written);
 * - lab-03: a Chinese lesson only.
 * Built once with `astro build` in the copy (the real dist/ is untouched), served by the copy's
 * production entry.
 */

export const FIXTURE = {
  runCommand: 'echo "fixture-run-$((6*7))"',
  runOutput: 'fixture-run-42',
  solution: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod1\n  labels:\n    fixture: solution-only-word-zebracorn\n',
  // A word that appears only in the lesson body, for the search test.
  searchWord: 'quokkafixture',
  solutionWord: 'zebracorn',
  quiz: {
    single: { id: 'pick-one', right: 'b', wrong: 'a', explanation: 'B is right because the fixture says so.' },
    multiple: { id: 'pick-many', right: ['a', 'c'], wrong: ['a'] },
    short: { id: 'fraction', right: '1/3', wrong: '1/2', explanation: 'SHORT-EXPLANATION-ONLY-ON-THE-SERVER' },
    cluster: { id: 'my-pod-ip' },
  },
};

const labYaml = (n: number) => `id: lab-0${n}
order: ${n}
title:
  zh: 夹具实验 ${n}
  en: Fixture lab ${n}
question:
  zh: 夹具题目 ${n}。
  en: Fixture question ${n}.
summary:
  zh: 夹具评分 ${n}。
  en: Fixture grading ${n}.
probes:
  master: [kube.nodes]
points: 1
`;

const frontmatter = (lang: 'zh' | 'en') => `---
title: ${lang === 'zh' ? '夹具课程' : 'Fixture lesson'}
description: ${lang === 'zh' ? '用来测试课程组件的夹具。' : 'A fixture to test the lesson components.'}
objectives:
  - ${lang === 'zh' ? '复制命令' : 'Copy a command'}
  - ${lang === 'zh' ? '回答思考题' : 'Answer the questions'}
minutes: 10
kubernetesVersion: "1.29"
---
`;

const lesson = (lang: 'zh' | 'en') => {
  const zh = lang === 'zh';
  return `${frontmatter(lang)}
${zh ? '这是夹具课程' : 'This is the fixture lesson'} ${FIXTURE.searchWord}, ${zh ? '含有' : 'with'} \`inline code\`.

<Figure src="./diagram.svg" alt="${zh ? '两个方框用一条线相连' : 'Two boxes joined by a line'}" caption="${zh ? '夹具图' : 'A fixture figure'}" />

## ${zh ? '概念' : 'Concepts'}

<Aside type="caution" title="${zh ? '一个陷阱' : 'A pitfall'}">
${zh ? '陷阱的说明。' : 'What the pitfall is.'}
</Aside>

## ${zh ? '动手做' : 'Steps'}

<Steps>

1. ${zh ? '在主节点上运行：' : 'On the master, run:'}

   \`\`\`bash host=master
   ${FIXTURE.runCommand}
   \`\`\`

2. ${zh ? '输出：' : 'The output:'}

   \`\`\`text
   -A KUBE-SVC-ABC -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-XYZ
   \`\`\`

3. ${zh ? '写清单：' : 'Write the manifest:'}

   <Solution file="pod1.yaml" />

</Steps>

\`\`\`yaml
apiVersion: v1
kind: Pod
\`\`\`

## ${zh ? '思考题' : 'Questions'}

<Quiz id="${FIXTURE.quiz.single.id}" />

<Quiz id="${FIXTURE.quiz.multiple.id}" />

<Quiz id="${FIXTURE.quiz.short.id}" />

<Quiz id="${FIXTURE.quiz.cluster.id}" />

## ${zh ? '检查我的作业' : 'Check my work'}

<CheckMyWork />
`;
};

const opt = (id: string, zh: string, en: string) => `      - id: ${id}\n        text: { zh: ${zh}, en: ${en} }\n`;
const quiz = `questions:
  - id: ${FIXTURE.quiz.single.id}
    kind: single
    prompt: { zh: 哪个对？, en: Which is right? }
    options:
${opt('a', '甲', 'Option A')}${opt('b', '乙', 'Option B')}    answer: b
    explanation: { zh: 乙是对的。, en: ${FIXTURE.quiz.single.explanation} }
  - id: ${FIXTURE.quiz.multiple.id}
    kind: multiple
    prompt: { zh: 哪些对？, en: Which are right? }
    options:
${opt('a', '甲', 'First')}${opt('b', '乙', 'Second')}${opt('c', '丙', 'Third')}    answer: [a, c]
    explanation: { zh: 甲和丙。, en: First and third. }
  - id: ${FIXTURE.quiz.short.id}
    kind: short
    prompt: { zh: 每个端点得到多少？, en: What share does each endpoint get? }
    accept: ['^\\s*1\\s*/\\s*3\\s*$']
    explanation: { zh: 三分之一。, en: ${FIXTURE.quiz.short.explanation} }
  - id: ${FIXTURE.quiz.cluster.id}
    kind: cluster
    prompt: { zh: pod1 的 IP？, en: pod1's IP? }
    fact: pod1.ip
    explanation: { zh: 看 kubectl get pod -o wide。, en: Look at kubectl get pod -o wide. }
`;

const svg = (label: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 60" width="200" height="60" fill="none" stroke="currentColor"><title id="t">${label}</title><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0 0L10 5L0 10z" fill="currentColor"/></marker></defs><rect x="5" y="10" width="60" height="40"/><rect x="135" y="10" width="60" height="40"/><path d="M65 30H135" marker-end="url(#arrow)"/><text x="35" y="35" fill="currentColor" stroke="none" text-anchor="middle" font-size="12">${label}</text></svg>`;

function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

const COPY_SKIP = new Set(['node_modules', 'dist', 'labs', '.git', '.tmp', '.astro', 'k8s-labs.yaml', 'data']);

export interface FixtureSite {
  dir: string;
  remove(): void;
}

/** Copies the site with the fixture labs and builds it; throws with the build output on failure. */
export function buildFixtureSite(): FixtureSite {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-lesson-fixture-'));
  // Everything the build may read (src imports graders/, schemas/ …), except the real labs and outputs.
  for (const name of readdirSync(ROOT)) {
    if (!COPY_SKIP.has(name)) cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  }
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name !== '.astro' && name !== '.vite') symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
  }
  write(dir, 'labs/lab-01/lab.yaml', labYaml(1));
  write(dir, 'labs/lab-01/lesson.zh.mdx', lesson('zh'));
  write(dir, 'labs/lab-01/lesson.en.mdx', lesson('en'));
  write(dir, 'labs/lab-01/quiz.yaml', quiz);
  write(dir, 'labs/lab-01/solution/pod1.yaml', FIXTURE.solution);
  write(dir, 'labs/lab-01/diagram.zh.svg', svg('节点'));
  write(dir, 'labs/lab-01/diagram.en.svg', svg('node'));
  write(dir, 'labs/lab-02/lab.yaml', labYaml(2));
  write(dir, 'labs/lab-03/lab.yaml', labYaml(3));
  write(dir, 'labs/lab-03/lesson.zh.mdx', `${frontmatter('zh')}\n## 只有中文\n\n中文课程。\n`);

  const bin = join(ROOT, 'node_modules', '.bin');
  const result = spawnSync(join(bin, 'astro'), ['build'], {
    cwd: dir,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  const remove = () => rmSync(dir, { recursive: true, force: true });
  if (result.status !== 0) {
    remove();
    throw new Error(`astro build of the fixture site failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return { dir, remove };
}

/** Starts the copy's `src/server/main.ts` on a free loopback port. */
export function startFixtureSite(site: FixtureSite, env: Record<string, string> = {}): Promise<RunningSite> {
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'node'), [join(site.dir, 'src', 'server', 'main.ts')], {
    cwd: site.dir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', K8S_LABS_CONFIG: join(site.dir, 'no-hosts.yaml'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the fixture site did not start within 20 s:\n${output}`));
    }, 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: new URL(match[1]),
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the fixture site exited with ${code} before it was ready:\n${output}`));
    });
  });
}
