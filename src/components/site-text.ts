import { t } from '../shared/i18n.ts';

/** Every fixed text of the site's pages, in both languages, in one place. */
export const SITE_TEXT = {
  siteName: t('Kubernetes 动手实验', 'Kubernetes hands-on labs'),
  siteDescription: t(
    '在自己的虚拟机上用 kubeadm 搭建两节点集群，完成 13 个实验，由评分程序检查你的真实集群。',
    'Build a two-node kubeadm cluster on your own VMs and work through 13 labs, graded against your real cluster.',
  ),
  skipToContent: t('跳到主要内容', 'Skip to main content'),
  primaryNav: t('主导航', 'Main navigation'),
  home: t('首页', 'Home'),
  hostsLink: t('主机设置', 'Hosts'),
  languageSwitch: t('English', '中文'),
  languageSwitchLabel: t('切换到英文版本', 'Switch to the Chinese version'),
  heroLead: t(
    '在你自己的虚拟机上用 kubeadm 搭建一个两节点集群（flannel 网络），然后完成下面的实验。每个实验都写明了评分程序会在你的集群上检查什么。',
    'Build a two-node kubeadm cluster (flannel networking) on your own virtual machines, then work through the labs below. Each lab says what its grader checks on your cluster.',
  ),
  labsHeading: t('实验列表', 'The labs'),
  published: (count: number, total: number) => t(`已发布 ${count} / ${total} 个实验`, `${count} of ${total} labs published`),
  noLabs: t('还没有发布任何实验。', 'No lab is published yet.'),
  labNumber: (order: number) => t(`第 ${order} 题`, `Question ${order}`),
  questionHeading: t('题目', 'The question'),
  gradedHeading: t('评分内容', 'What is graded'),
  points: (n: number) => t(`共 ${n} 分`, `${n} points`),
  probesOn: (role: string) => t(`在 ${role} 上收集：`, `Collected on the ${role}:`),
  lessonSoonTitle: t('课程内容即将推出', 'Lesson coming soon'),
  lessonSoonBody: t(
    '这个实验的课程、终端和“检查我的作业”还在编写中。现在可以先阅读题目和评分内容。',
    'The lesson, the terminal and “check my work” for this lab are still being written. For now, read the question and what is graded.',
  ),
  labPager: t('上一个和下一个实验', 'Previous and next lab'),
  previousLab: t('上一个实验', 'Previous lab'),
  nextLab: t('下一个实验', 'Next lab'),
  backToLabs: t('返回实验列表', 'Back to the labs'),
  footer: t('作业题目 Q1–Q13，对应实验 lab-01 … lab-13。', 'Homework questions Q1–Q13 are labs lab-01 … lab-13.'),
  notFoundTitle: t('找不到这个页面', 'Page not found'),
  notFoundBody: t('这个地址没有页面。', 'There is no page at this address.'),
};

/** The number of labs in the course (questions Q1 … Q13). */
export const LAB_COUNT = 13;
