/**
 * The page-wide events between the lesson and the tools pane (ToolsPane.astro):
 * - `k8s-labs:open-tool` (`detail: { tool }`): show a tool's tab (terminal, check, editor).
 * - `k8s-labs:check-my-work` (`detail: { lab }`): the learner asked for a check; the check panel
 *   (issue 3, "Check my work") listens and starts one.
 */
export const OPEN_TOOL_EVENT = 'k8s-labs:open-tool';
export const CHECK_MY_WORK_EVENT = 'k8s-labs:check-my-work';

export type ToolName = 'terminal' | 'check' | 'editor';

export function openTool(tool: ToolName): void {
  document.dispatchEvent(new CustomEvent(OPEN_TOOL_EVENT, { detail: { tool } }));
}

export function requestCheck(lab: string): void {
  openTool('check');
  document.dispatchEvent(new CustomEvent(CHECK_MY_WORK_EVENT, { detail: { lab } }));
}
