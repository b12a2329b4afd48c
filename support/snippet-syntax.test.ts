import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CucumberExpressionGenerator, ParameterTypeRegistry } from '@cucumber/cucumber-expressions';

const TypeScriptSnippetSyntax = require('./snippet-syntax.cjs');

const generator = new CucumberExpressionGenerator(() => new ParameterTypeRegistry().parameterTypes);

test('snippets for undefined steps are TypeScript: this is the KubeWorld, {int} a number, {string} a string, a table a DataTable', () => {
  const syntax = new TypeScriptSnippetSyntax('synchronous');
  const snippet = syntax.build({
    comment: 'Write code here that turns the phrase above into concrete actions',
    functionName: 'Then',
    generatedExpressions: generator.generateExpressions('node "w1" runs 3 pods:'),
    stepParameterNames: ['dataTable'],
  });
  assert.equal(
    snippet.split('\n')[0],
    "Then('node {string} runs {int} pods:', function (this: KubeWorld, string: string, int: number, dataTable: DataTable) {",
  );
  assert.match(
    snippet,
    /\n {2}\/\/ \(imports: import \{ Then, type DataTable \} from '@cucumber\/cucumber'; import type \{ KubeWorld \} from 'kube-scenarios\/steps';\)\n {2}return 'pending';\n\}\);$/,
  );
  const awaited = new TypeScriptSnippetSyntax('async-await').build({
    comment: 'c',
    functionName: 'Given',
    generatedExpressions: generator.generateExpressions("it's done"),
    stepParameterNames: ['docString'],
  });
  assert.equal(awaited.split('\n')[0], "Given('it\\'s done', async function (this: KubeWorld, docString: string) {");
  assert.throws(() => new TypeScriptSnippetSyntax('callback'), /snippetInterface "callback" is not supported/);
});
