import * as ts from 'typescript';

export interface Unlocalized {
  readonly line: number;
  readonly text: string;
}

/** Names, not words: shown the same in every language (products, and the HTTP words a curl command holds). */
const NAMES = new Set(['Timeline Viewer', 'Pismo', 'TalentLMS', 'Demo · Pismo', 'Demo · TalentLMS', 'Demo · Pismo tenant', 'OAuth', 'Authorization', 'Bearer']);
/** Acronyms and constants (`NDJSON`, `GET`, `PISMO_TOKEN`) and header names (`X-API-Key`): never translated. */
const TOKEN = /^(?:[\p{Lu}\d_]+|\p{Lu}[\p{L}\d]*(?:-\p{Lu}[\p{L}\d]*)+)$/u;
/** Calls whose text is for developers, not users: log lines (kept in English for bug reports) and errors of the code itself. */
const NOT_SHOWN = /^(info|warn|error|debug|trace|note|appendLine|append|createOutputChannel|Error|TypeError|RangeError)$/;

/** A literal's text without `${…}` parts and `$(icon)` references: what a translator would see. */
function textOf(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): string {
  const text = ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ') : node.text;
  return text.replace(/\$\([\w~-]+\)/g, '').trim();
}

/** Words (`Retry`, `no events yet`), not an id, key, URL, codicon or markup (`loading~spin`, `https://…`, `<div>`). */
function isProse(text: string): boolean {
  return /\p{L}{2,}/u.test(text) && (/\p{L}\s+\p{L}/u.test(text) || /^\p{Lu}/u.test(text)) && !/<\/?[a-z]/i.test(text) && !NAMES.has(text) && !TOKEN.test(text);
}

/** The callee's last name: `vscode.l10n.t` → t, `new vscode.TreeItem` → TreeItem. */
function calleeName(node: ts.CallExpression | ts.NewExpression): string {
  const e = node.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return '';
}

/** Inside `l10n.t(…)` (as the message or an argument), a log call, an error of the code, or an import. */
function isExempt(literal: ts.Node): boolean {
  for (let p = literal.parent; p; p = p.parent) {
    if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isExternalModuleReference(p)) return true;
    if (ts.isCallExpression(p) || ts.isNewExpression(p)) {
      const name = calleeName(p);
      if (NOT_SHOWN.test(name)) return true;
      if (name === 't' && /(^|\.)l10n\.t$/.test(p.expression.getText())) return true;
    }
  }
  return false;
}

/**
 * Text in a UI source file that reads as words and does not go through `vscode.l10n.t`. Deliberately broad
 * (every literal, not only those reaching a known API): text passed through a helper (`ask(prompt, hint)`, a
 * node's label, a credential's name inside an error sentence) reaches the user just the same.
 */
export function findUnlocalized(fileName: string, source: string): Unlocalized[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: Unlocalized[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      if (isProse(textOf(node)) && !isExempt(node)) {
        found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.getText() });
      }
      if (!ts.isTemplateExpression(node)) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
