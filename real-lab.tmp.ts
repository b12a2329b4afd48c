import { startServer } from './src/apiserver/server.ts';
import { writeKubeconfig } from './src/apiserver/kubeconfig.ts';
import { buildServedCluster } from './src/cli/serve.ts';
(async () => {
  const c = buildServedCluster({ lab: true, port: 0, speed: 1, seed: 1 });
  const s = await startServer(c, { speed: 1 });
  console.log(writeKubeconfig(s.url, '/tmp/real-lab-kc'));
})();
