import ts from 'typescript';

/** JSX attributes whose text people see or hear (screen readers announce the aria-* ones). */
export const VISIBLE_ATTRIBUTES = new Set(['alt', 'title', 'placeholder', 'aria-label', 'label', 'aria-description']);

export type HardCodedString = {
  file: string;
  line: number;
  column: number;
  text: string;
  /** `undefined` for a JSX child, else the attribute the text is in. */
  attribute?: string;
};

/** Entity references such as `&nbsp;` are symbols, not words, though they are spelled with letters. */
const ENTITY = /&(?:[a-z]+|#\d+|#x[0-9a-f]+);/gi;

/** Collapsed the way a browser shows it, so the allowlist needs no line breaks or indentation. */
function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function hasWords(text: string): boolean {
  return /\p{L}/u.test(text.replace(ENTITY, ''));
}

/**
 * The literal text an expression can evaluate to: both branches of a condition, both sides of
 * `+`, `??`, `||`, `&&`, the fixed parts of a template. Calls are not entered, so the key in
 * `t('title')` is not text.
 */
function literalsIn(expression: ts.Expression): ts.Node[] {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return [expression];
  if (ts.isParenthesizedExpression(expression)) return literalsIn(expression.expression);
  if (ts.isConditionalExpression(expression)) return [...literalsIn(expression.whenTrue), ...literalsIn(expression.whenFalse)];
  if (ts.isBinaryExpression(expression)) {
    const operator = expression.operatorToken.kind;
    const joins = [
      ts.SyntaxKind.PlusToken,
      ts.SyntaxKind.QuestionQuestionToken,
      ts.SyntaxKind.BarBarToken,
      ts.SyntaxKind.AmpersandAmpersandToken,
    ];
    if (joins.includes(operator)) return [...literalsIn(expression.left), ...literalsIn(expression.right)];
    return [];
  }
  if (ts.isTemplateExpression(expression)) {
    return [
      expression.head,
      ...expression.templateSpans.flatMap((span) => [...literalsIn(span.expression), span.literal]),
    ];
  }
  return [];
}

function literalText(node: ts.Node): string {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) return node.text;
  return node.getText();
}

/**
 * Words written straight into JSX — text children and the visible attributes — rather than
 * taken from the message catalogue, where editors could translate them. Text without letters
 * (·, →, numbers) is not a word in any language.
 */
export function findHardCodedStrings(file: string, source: string): HardCodedString[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: HardCodedString[] = [];

  const report = (node: ts.Node, raw: string, attribute?: string) => {
    const text = normalize(raw);
    if (!hasWords(text)) return;
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    found.push({ file, line: line + 1, column: character + 1, text, ...(attribute ? { attribute } : {}) });
  };

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const literal of literalsIn(node.expression)) report(literal, literalText(literal));
    } else if (ts.isJsxAttribute(node) && node.initializer && VISIBLE_ATTRIBUTES.has(node.name.getText(sourceFile))) {
      const name = node.name.getText(sourceFile);
      const literals = ts.isStringLiteral(node.initializer)
        ? [node.initializer]
        : ts.isJsxExpression(node.initializer) && node.initializer.expression
          ? literalsIn(node.initializer.expression)
          : [];
      for (const literal of literals) report(literal, literalText(literal), name);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

export type AllowedString = { text: string; reason: string };

/**
 * Sets aside the deliberate exceptions, and names the exceptions nothing needs any more so
 * that the list stays as short as the product allows.
 */
export function withoutAllowed(
  found: HardCodedString[],
  allowlist: AllowedString[],
): { remaining: HardCodedString[]; unused: AllowedString[] } {
  const allowed = new Set(allowlist.map((entry) => normalize(entry.text)));
  const used = new Set(found.map((hit) => hit.text).filter((text) => allowed.has(text)));
  return {
    remaining: found.filter((hit) => !allowed.has(hit.text)),
    unused: allowlist.filter((entry) => !used.has(normalize(entry.text))),
  };
}

export function describeHardCodedString({ file, line, column, text, attribute }: HardCodedString): string {
  return `${file}:${line}:${column}: ${attribute ? `${attribute}=` : ''}${JSON.stringify(text)} is not from the catalogue`;
}
