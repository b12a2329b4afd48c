// Cucumber snippet syntax (formatOptions.snippetSyntax): the snippets cucumber prints for undefined
// steps (`npx cucumber-js --dry-run`) in TypeScript — `this` typed as the scenario world
// (KubeWorld, exported by 'kube-scenarios/steps') and each parameter typed from its cucumber
// parameter type ({int} → number, {string} → string, a doc string → string, a table → DataTable).
// Honours snippetInterface (synchronous, async-await, promise; callback is not offered: it cannot
// be typed with `this`). Configure: formatOptions: { snippetInterface: 'synchronous',
// snippetSyntax: './node_modules/kube-scenarios/support/snippet-syntax.cjs' }.
'use strict';

const NUMBER_TYPES = new Set(['int', 'float', 'double', 'long', 'short', 'byte', 'bigdecimal', 'biginteger']);

/** The TypeScript type of a cucumber parameter type's value. */
function tsType(parameterTypeName) {
  if (NUMBER_TYPES.has(parameterTypeName)) return 'number';
  if (parameterTypeName === 'string' || parameterTypeName === 'word' || parameterTypeName === '') return 'string';
  return 'unknown';
}

class TypeScriptSnippetSyntax {
  constructor(snippetInterface) {
    if (snippetInterface === 'callback')
      throw new Error(
        'snippetInterface "callback" is not supported by the TypeScript snippets: use "synchronous", "async-await" or "promise"',
      );
    this.snippetInterface = snippetInterface;
  }

  build({ comment, generatedExpressions, functionName, stepParameterNames }) {
    const async = this.snippetInterface === 'async-await' ? 'async ' : '';
    const implementation =
      this.snippetInterface === 'promise' ? "return Promise.resolve('pending');" : "return 'pending';";
    const choices = generatedExpressions.map((expression, index) => {
      const types = expression.parameterTypes.map((t) => tsType(t.name || ''));
      const params = expression.parameterNames.map((name, i) => `${name}: ${types[i]}`);
      for (const name of stepParameterNames) params.push(`${name}: ${name === 'dataTable' ? 'DataTable' : 'string'}`);
      const source = expression.source.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
      return `${index === 0 ? '' : '// '}${functionName}('${source}', ${async}function (${['this: KubeWorld', ...params].join(', ')}) {\n`;
    });
    return `${choices.join('')}  // ${comment}\n  // (imports: import { ${functionName}${stepParameterNames.includes('dataTable') ? ', type DataTable' : ''} } from '@cucumber/cucumber'; import type { KubeWorld } from 'kube-scenarios/steps';)\n  ${implementation}\n});`;
  }
}

module.exports = TypeScriptSnippetSyntax;
module.exports.tsType = tsType;
