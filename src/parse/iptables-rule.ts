import type { Token } from './iptables-tokens.ts';

/**
 * One `-A CHAIN …` line of iptables-save, split into options. Options are read in any order
 * (iptables-save and kube-proxy's own restore input order them differently) and every option is
 * kept, known or not, so a check can look at anything iptables printed.
 */

/** A value that iptables allows to negate with `!` (e.g. `! -s 10.244.0.0/16`). */
export interface Negatable {
  value: string;
  negated: boolean;
}

/** One option as printed: `--dport 8080` → { name: 'dport', values: ['8080'] }. */
export interface RuleOption {
  /** The option without its dashes (`s`, `dport`, `to-destination`). */
  name: string;
  /** The arguments that followed it (none for flags such as `--rcheck`). */
  values: string[];
  /** True when the option was preceded by `!`. */
  negated: boolean;
  /** The `-m` module (`tcp`, `comment`, …) or the `-j` target (`DNAT`, …) the option belongs to; absent for iptables' own options. */
  module?: string;
}

export interface IptablesRule {
  /** Table the rule belongs to (`nat`, `filter`, …). */
  table: string;
  /** Chain the rule is appended to. */
  chain: string;
  /** 1-based line number in the dump. */
  line: number;
  /** The rule as printed, without a leading `[packets:bytes]` counter. */
  text: string;
  /** Counters printed by `iptables-save -c`. */
  counters?: { packets: number; bytes: number };
  /** `-s`, `-d`, `-p`, `-i`, `-o`. */
  source?: Negatable;
  destination?: Negatable;
  protocol?: Negatable;
  inInterface?: Negatable;
  outInterface?: Negatable;
  /** `--dport` / `--sport` of a tcp/udp/sctp match. */
  dport?: Negatable;
  sport?: Negatable;
  /** Modules loaded with `-m`, in order. */
  modules: string[];
  /** `-m comment --comment` text, unquoted and unescaped. */
  comment?: string;
  /** `-m statistic` parameters. */
  statistic?: { mode: string; probability?: number; every?: number; packet?: number };
  /** `-m set --match-set NAME FLAGS` (ipvs mode uses these). */
  matchSets: { name: string; flags: string; negated: boolean }[];
  /** `-m recent` flags present (`rcheck`, `set`, …): kube-proxy's session affinity. */
  recent?: { name?: string; flags: string[] };
  /** `-j` or `-g` target. */
  target?: string;
  /** True when the target was reached with `-g` (goto) rather than `-j`. */
  goto: boolean;
  /** `--to-destination` of a DNAT target. */
  toDestination?: string;
  /** Every option in order of appearance, including ones not interpreted above. */
  options: RuleOption[];
}

/** Options whose number of arguments is fixed; other options take every word up to the next option. */
const ARITY: Record<string, number> = Object.fromEntries([
  ...['s', 'd', 'p', 'i', 'o', 'j', 'g', 'm', 'dport', 'sport', 'comment', 'mode', 'probability', 'every', 'packet', 'to-destination'].map(
    (k) => [k, 1],
  ),
  ['match-set', 2],
  ...['rcheck', 'set', 'reap', 'update', 'random-fully'].map((k) => [k, 0]),
]);
/** Options of iptables itself rather than of a match module or target. */
const CORE = new Set(['s', 'd', 'p', 'i', 'o', 'j', 'g', 'm', 'f', '4', '6']);

const isOptionToken = (t: Token): boolean => !t.quoted && /^--?[A-Za-z]/.test(t.text);

/** Long names for the short options iptables-save prints, so both spellings read the same. */
const ALIASES: Record<string, string> = Object.fromEntries(
  Object.entries({ s: 'source', d: 'destination', p: 'protocol', i: 'in-interface', o: 'out-interface', j: 'jump', g: 'goto', m: 'match' })
    .map(([short, long]) => [long, short])
    .concat([
      ['destination-port', 'dport'],
      ['source-port', 'sport'],
    ]),
);

/**
 * Parses the words after `-A CHAIN`. Returns an error message for a malformed rule (an option
 * that needs an argument and has none, a dangling `!`).
 */
export function parseRuleOptions(tokens: Token[]): { options: RuleOption[] } | string {
  const options: RuleOption[] = [];
  let module: string | undefined;
  let negateNext = false;
  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i] as Token;
    if (!tok.quoted && tok.text === '!') {
      if (negateNext) return 'two "!" in a row';
      negateNext = true;
      i++;
      continue;
    }
    if (!isOptionToken(tok)) return `unexpected word "${tok.text}" where an option was expected`;
    const raw = tok.text.replace(/^--?/, '');
    const name = Object.hasOwn(ALIASES, raw) ? (ALIASES[raw] as string) : raw;
    i++;
    const values: string[] = [];
    // Old iptables printed the negation after the option (`-s ! 1.2.3.4`); accept it.
    while (i < tokens.length && !isOptionToken(tokens[i] as Token)) {
      const v = tokens[i] as Token;
      if (!v.quoted && v.text === '!') {
        if (values.length === 0 && i + 1 < tokens.length && !isOptionToken(tokens[i + 1] as Token)) {
          negateNext = true;
          i++;
          continue;
        }
        break;
      }
      values.push(v.text);
      i++;
    }
    const arity = Object.hasOwn(ARITY, name) ? ARITY[name] : undefined;
    if (arity !== undefined && values.length < arity) return `option ${tok.text} needs ${arity === 1 ? 'a value' : `${arity} values`}`;
    if (arity !== undefined && values.length > arity) return `unexpected word "${values[arity] ?? ''}" after ${tok.text}`;
    const opt: RuleOption = { name, values, negated: negateNext };
    if (CORE.has(name)) {
      // Options after -j/-g belong to the target (DNAT's --to-destination, MARK's --set-xmark).
      if (name === 'm' || name === 'j' || name === 'g') module = values[0];
    } else if (module !== undefined) {
      opt.module = module;
    }
    options.push(opt);
    negateNext = false;
  }
  if (negateNext) return 'a "!" at the end of the rule negates nothing';
  return { options };
}

/** Builds the interpreted rule from its options. */
export function interpretRule(
  base: Pick<IptablesRule, 'table' | 'chain' | 'line' | 'text' | 'counters'>,
  options: RuleOption[],
): IptablesRule {
  const rule: IptablesRule = { ...base, modules: [], matchSets: [], goto: false, options };
  if (base.counters === undefined) delete rule.counters;
  const neg = (o: RuleOption): Negatable => ({ value: o.values.join(' '), negated: o.negated });
  for (const o of options) {
    const first = o.values[0] ?? '';
    switch (o.name) {
      case 's':
        rule.source = neg(o);
        break;
      case 'd':
        rule.destination = neg(o);
        break;
      case 'p':
        rule.protocol = neg(o);
        break;
      case 'i':
        rule.inInterface = neg(o);
        break;
      case 'o':
        rule.outInterface = neg(o);
        break;
      case 'dport':
        rule.dport = neg(o);
        break;
      case 'sport':
        rule.sport = neg(o);
        break;
      case 'm':
        rule.modules.push(first);
        break;
      case 'comment':
        rule.comment = o.values.join(' ');
        break;
      case 'j':
        rule.target = first;
        rule.goto = false;
        break;
      case 'g':
        rule.target = first;
        rule.goto = true;
        break;
      case 'to-destination':
        rule.toDestination = first;
        break;
      case 'match-set':
        rule.matchSets.push({ name: first, flags: o.values[1] ?? '', negated: o.negated });
        break;
      default:
        if (o.module === 'statistic' && ['mode', 'probability', 'every', 'packet'].includes(o.name)) {
          rule.statistic ??= { mode: '' };
          if (o.name === 'mode') rule.statistic.mode = first;
          else rule.statistic[o.name as 'probability' | 'every' | 'packet'] = Number(first);
        } else if (o.module === 'recent') {
          rule.recent ??= { flags: [] };
          if (o.name === 'name') rule.recent.name = first;
          else rule.recent.flags.push(o.name);
        }
    }
  }
  return rule;
}
