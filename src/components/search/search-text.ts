import { t } from '../../shared/i18n.ts';

/** Fixed texts of the lesson search, in both languages. */
export const SEARCH_TEXT = {
  label: t('搜索课程', 'Search the lessons'),
  placeholder: t('搜索课程…', 'Search lessons…'),
  submit: t('搜索', 'Search'),
  title: t('搜索', 'Search'),
  lead: t('在所有课程中查找命令、概念和常见陷阱。', 'Find commands, concepts and pitfalls across every lesson.'),
  loading: t('正在加载搜索索引…', 'Loading the search index…'),
  searching: t('正在搜索…', 'Searching…'),
  // Templates filled in the browser: {n} the count, {q} the query.
  results: t('“{q}”：找到 {n} 个结果', '{n} results for “{q}”'),
  resultOne: t('“{q}”：找到 1 个结果', '1 result for “{q}”'),
  none: t(
    '没有找到与“{q}”相关的内容。换个词试试，比如命令名或资源名。',
    'Nothing found for “{q}”. Try another word, such as a command or a resource name.',
  ),
  noIndex: t(
    '搜索索引还没有生成：它在 `npm run build`（或 `npm start`）时生成，`npm run dev` 下没有。',
    'The search index is not built yet: `npm run build` (or `npm start`) builds it; `npm run dev` does not.',
  ),
  needsScript: t('搜索需要启用 JavaScript。', 'Search needs JavaScript.'),
};
