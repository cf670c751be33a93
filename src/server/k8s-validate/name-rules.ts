import { t, type Localized } from '../../shared/i18n.ts';

/**
 * Name rules the API server applies and OpenAPI does not express (so the schemas carry no
 * maxLength on metadata.name: a Deployment may be named with up to 253 characters).
 * Sources: k8s.io/apimachinery validation NameIsDNSSubdomain / NameIsDNS1035Label, used by
 * ValidatePodName, ValidateServiceName, …; container names are DNS-1123 labels.
 */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export interface NameProblem {
  path: (string | number)[];
  message: Localized;
}

function subdomain(name: string): boolean {
  return name.length <= 253 && DNS1123_SUBDOMAIN.test(name);
}

function label(name: string, re: RegExp): boolean {
  return name.length <= 63 && re.test(name);
}

/** Checks metadata.name (by kind) and container names of one manifest. */
export function nameProblems(doc: Record<string, unknown>): NameProblem[] {
  const out: NameProblem[] = [];
  const kind = doc['kind'];
  const meta = doc['metadata'] as Record<string, unknown> | undefined;
  const name = meta?.['name'];
  if (typeof meta !== 'object' || meta === null || (name === undefined && meta['generateName'] === undefined)) {
    out.push({
      path: ['metadata'],
      message: t(
        'metadata.name 是必填的：kubectl apply 按名字找对象',
        'metadata.name is required: kubectl apply finds the object by its name',
      ),
    });
  } else if (typeof name === 'string') {
    if (kind === 'Service' && !label(name, DNS1035_LABEL)) {
      out.push({
        path: ['metadata', 'name'],
        message: t(
          `Service 名 "${name}" 不合法：最多 63 个字符，只能有小写字母、数字和 -，以字母开头、字母或数字结尾`,
          `Service name "${name}" is not valid: at most 63 characters of lowercase letters, digits and -, starting with a letter and ending with a letter or digit`,
        ),
      });
    } else if (kind !== 'Service' && !subdomain(name)) {
      out.push({
        path: ['metadata', 'name'],
        message: t(
          `名字 "${name}" 不合法：最多 253 个字符，只能有小写字母、数字、- 和 .，以字母或数字开头和结尾`,
          `Name "${name}" is not valid: at most 253 characters of lowercase letters, digits, - and ., starting and ending with a letter or digit`,
        ),
      });
    }
  }
  const podSpec =
    kind === 'Pod'
      ? doc['spec']
      : ((doc['spec'] as Record<string, unknown> | undefined)?.['template'] as Record<string, unknown> | undefined)?.['spec'];
  const specPath = kind === 'Pod' ? ['spec'] : ['spec', 'template', 'spec'];
  if (typeof podSpec === 'object' && podSpec !== null) {
    for (const list of ['containers', 'initContainers'] as const) {
      const containers = (podSpec as Record<string, unknown>)[list];
      if (!Array.isArray(containers)) continue;
      containers.forEach((c: unknown, i) => {
        const cname = (c as Record<string, unknown> | null)?.['name'];
        if (typeof cname === 'string' && !label(cname, DNS1123_LABEL)) {
          out.push({
            path: [...specPath, list, i, 'name'],
            message: t(
              `容器名 "${cname}" 不合法：最多 63 个字符，只能有小写字母、数字和 -，以字母或数字开头和结尾`,
              `Container name "${cname}" is not valid: at most 63 characters of lowercase letters, digits and -, starting and ending with a letter or digit`,
            ),
          });
        }
      });
    }
  }
  return out;
}
