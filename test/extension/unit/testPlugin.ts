import type { Rule } from 'eslint';

/** A small plugin with the behaviours the engine must handle: fixes, suggestions, crashes, exits. */
const rename: Rule.RuleModule = {
  meta: {
    type: 'suggestion',
    fixable: 'code',
    schema: [{ type: 'object', additionalProperties: false, properties: { from: { type: 'string' } } }],
    messages: { rename: 'Rename {{name}}.' },
  },
  create(context) {
    const from = (context.options[0] as { from?: string } | undefined)?.from ?? 'bad';
    return {
      Identifier(node) {
        if (node.name === from) context.report({ node, messageId: 'rename', data: { name: node.name }, fix: (fixer) => fixer.replaceText(node, 'good') });
      },
    };
  },
};

const suggest: Rule.RuleModule = {
  meta: { type: 'problem', hasSuggestions: true, schema: [], messages: { found: 'Found x.', wrap: 'Wrap x.' } },
  create(context) {
    return {
      Identifier(node) {
        if (node.name === 'x') {
          context.report({ node, messageId: 'found', suggest: [{ messageId: 'wrap', fix: (fixer) => fixer.replaceText(node, 'wrap(x)') }] });
        }
      },
    };
  },
};

const thrower: Rule.RuleModule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    return {
      Program() {
        if (context.sourceCode.text.includes('THROW')) throw new Error('rule bug');
      },
    };
  },
};

const exiter: Rule.RuleModule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    return {
      Program() {
        if (context.sourceCode.text.includes('EXIT')) process.exit(3);
      },
    };
  },
};

export const testPlugin = { meta: { name: 'test-plugin' }, rules: { rename, suggest, thrower, exiter } };
