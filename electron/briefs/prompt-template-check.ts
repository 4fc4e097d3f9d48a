import Mustache from 'mustache';
import { AppError } from '../../shared/errors';
import { promptListItemFields, promptTemplateVariables } from './prompt-variables';

const knownNames = new Set(promptTemplateVariables.map((variable) => variable.name));

/** mustache.js tokens: [type, value, start, end, children (sections only), ...]. */
type Token = [string, string, number, number, Token[]?, ...unknown[]];

/**
 * Parses a prompt template with mustache.js and checks every name in it, so a typo such as
 * `{{goall}}` is caught when the template is saved or previewed instead of silently rendering as
 * nothing. Throws `invalid-request` naming the line and the problem.
 */
export function parsePromptTemplate(template: string): void {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(template) as Token[];
  } catch (error) {
    throw invalidTemplate(describeSyntaxError(template, (error as Error).message));
  }
  checkNames(template, tokens, []);
}

function checkNames(template: string, tokens: readonly Token[], sections: readonly string[]): void {
  for (const [type, name, start, , children] of tokens) {
    if (type === 'text' || type === '!') continue;
    const line = lineAt(template, start);
    if (type === '>' || type === '=') {
      throw invalidTemplate(`line ${line}: partials and delimiter changes are not supported in prompt templates.`);
    }
    if (!isKnownName(name, sections)) {
      throw invalidTemplate(
        `line ${line}: "${name}" is not a name prompt templates know. Known names: ${[...knownNames].join(', ')}.`,
      );
    }
    if (children) checkNames(template, children, [...sections, name]);
  }
}

function isKnownName(name: string, sections: readonly string[]): boolean {
  if (name === '.') return true;
  const first = name.split('.')[0] ?? '';
  return knownNames.has(first) || sections.some((section) => promptListItemFields[section]?.includes(first));
}

/** mustache.js says "Unclosed section "goal" at 12"; the dispatcher wants the line of the opening tag. */
function describeSyntaxError(template: string, message: string): string {
  const unclosed = /^Unclosed section "(.+)" at \d+/.exec(message);
  if (unclosed?.[1]) {
    const name = unclosed[1];
    const opening = Math.max(template.lastIndexOf(`{{#${name}}}`), template.lastIndexOf(`{{^${name}}}`));
    const tag = template.startsWith('{{^', opening) ? `{{^${name}}}` : `{{#${name}}}`;
    return `line ${lineAt(template, Math.max(0, opening))}: "${tag}" is never closed with "{{/${name}}}".`;
  }
  const unopened = /^Unopened section "(.+)" at (\d+)/.exec(message);
  if (unopened?.[1]) {
    return `line ${lineAt(template, Number(unopened[2]))}: "{{/${unopened[1]}}}" is never opened.`;
  }
  return message;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

function invalidTemplate(problem: string): AppError {
  return new AppError('invalid-request', `The prompt template has a problem on ${problem}`);
}
