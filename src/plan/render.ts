/** The plan summary of every stack, as terminal text and as Markdown for a pull-request comment. */
import type { StackPlanSummary } from './summary';

export type StackOutcome =
  | { readonly stack: string; readonly status: 'planned'; readonly summary: StackPlanSummary }
  | { readonly stack: string; readonly status: 'skipped' | 'failed'; readonly reason: string };

export interface PlanReport {
  readonly mode: 'offline' | 'online';
  readonly outcomes: readonly StackOutcome[];
  readonly allowDestroy: boolean;
}

const COLUMNS = ['import', 'add', 'change', 'replace', 'destroy'] as const;

export function blockedChanges(report: PlanReport) {
  return report.outcomes.flatMap((o) => (o.status === 'planned' ? o.summary.blocked.map((b) => ({ stack: o.stack, ...b })) : []));
}

function modeLine(report: PlanReport): string {
  return report.mode === 'offline'
    ? 'offline, with a local backend and no AWS credentials: every resource is new to the empty state'
    : "against each stack's state in its backend";
}

/** The verdict: why the command fails, or nothing. */
export function verdict(report: PlanReport): string[] {
  const lines: string[] = [];
  const failed = report.outcomes.filter((o) => o.status === 'failed');
  if (failed.length) lines.push(`${failed.length} stack${failed.length === 1 ? '' : 's'} could not be planned: ${failed.map((o) => o.stack).join(', ')}`);
  const blocked = blockedChanges(report);
  if (blocked.length && !report.allowDestroy) {
    lines.push(
      `refused: ${blocked.length} change${blocked.length === 1 ? '' : 's'} would destroy or replace what cannot be brought back (listed above); ` +
        'change the configuration, or run again with --allow-destroy if that is intended',
    );
  }
  return lines;
}

export function renderText(report: PlanReport): string[] {
  const width = Math.max(5, ...report.outcomes.map((o) => o.stack.length));
  const lines = [`Plan ${modeLine(report)}; stacks in deploy order:`, '', `${'stack'.padEnd(width)}  ${COLUMNS.map((c) => c.padStart(7)).join(' ')}`];
  for (const o of report.outcomes) {
    if (o.status === 'planned') lines.push(`${o.stack.padEnd(width)}  ${COLUMNS.map((c) => String(o.summary[c]).padStart(7)).join(' ')}`);
    else lines.push(`${o.stack.padEnd(width)}  ${o.status}: ${o.reason}`);
  }
  const listed = report.outcomes.flatMap((o) =>
    o.status === 'planned'
      ? [
          ...o.summary.replaced.map((address) => ({ stack: o.stack, action: 'replace', address })),
          ...o.summary.destroyed.map((address) => ({ stack: o.stack, action: 'destroy', address })),
        ]
      : [],
  );
  if (listed.length) {
    lines.push('');
    const blocked = new Map(blockedChanges(report).map((b) => [`${b.stack} ${b.address}`, b.reason]));
    for (const l of listed) {
      const reason = blocked.get(`${l.stack} ${l.address}`);
      lines.push(`${l.stack}: ${l.action} ${l.address}${reason ? `  ${report.allowDestroy ? 'ALLOWED' : 'BLOCKED'}: ${reason}` : ''}`);
    }
  }
  return lines;
}

export function renderMarkdown(report: PlanReport): string {
  const lines = [
    '### Terraform plan',
    '',
    `Stacks in deploy order, planned ${modeLine(report)}.`,
    '',
    `| Stack | ${COLUMNS.map((c) => c[0].toUpperCase() + c.slice(1)).join(' | ')} |`,
    `|---|${COLUMNS.map(() => '---:').join('|')}|`,
  ];
  for (const o of report.outcomes) {
    if (o.status === 'planned') lines.push(`| \`${o.stack}\` | ${COLUMNS.map((c) => o.summary[c]).join(' | ')} |`);
    else lines.push(`| \`${o.stack}\` | ${o.status}: ${o.reason.replace(/\|/g, '\\|')} |||||`);
  }
  const blocked = new Map(blockedChanges(report).map((b) => [`${b.stack} ${b.address}`, b.reason]));
  const items = report.outcomes.flatMap((o) =>
    o.status === 'planned'
      ? [
          ...o.summary.replaced.map((address) => ({ stack: o.stack, action: 'replace', address })),
          ...o.summary.destroyed.map((address) => ({ stack: o.stack, action: 'destroy', address })),
        ]
      : [],
  );
  if (items.length) {
    lines.push('', '**Replaced and destroyed**', '');
    for (const i of items) {
      const reason = blocked.get(`${i.stack} ${i.address}`);
      lines.push(`- \`${i.stack}\`: ${i.action} \`${i.address}\`${reason ? ` (**${report.allowDestroy ? 'allowed' : 'blocked'}**: ${reason})` : ''}`);
    }
  }
  const problems = verdict(report);
  if (problems.length) lines.push('', ...problems.map((p) => `> **${p}**`));
  return `${lines.join('\n')}\n`;
}
