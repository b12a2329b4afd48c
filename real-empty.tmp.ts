import { startServer } from './src/apiserver/server.ts';
import { writeKubeconfig } from './src/apiserver/kubeconfig.ts';
import { createEmptyCluster } from './src/cluster/bootstrap.ts';
(async () => {
  const c = createEmptyCluster({ seed: 1, clockStart: Date.now() - 30000 });
  c.advance(Math.max(0, Date.now() - c.clock.now()));
  const s = await startServer(c, { speed: 1 });
  console.log(writeKubeconfig(s.url, '/tmp/real-empty-kc'));
})();
