// Container image references (Container.image) as the container runtime reads them
// (github.com/distribution/reference ParseNormalizedNamed): a registry-less name is on
// docker.io, a one-part name is in library/, a missing tag is `latest`.

/** How containerd names an image: docker.io/library/nginx:latest. */
export function normalizeImage(image: string): string {
  let name = image;
  const at = name.indexOf('@');
  const digest = at >= 0 ? name.slice(at) : '';
  if (at >= 0) name = name.slice(0, at);
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) name = `docker.io/${slash >= 0 ? name : `library/${name}`}`;
  if (!digest && name.lastIndexOf(':') <= name.lastIndexOf('/')) name += ':latest';
  return name + digest;
}

/** docker.io/library/nginx:1.14 → { repo: nginx, tag: 1.14 }. */
export function splitImage(image: string): { repo: string; tag: string } {
  let name = image.split('@')[0];
  let tag = 'latest';
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  name = name.replace(/^docker\.io\//, '').replace(/^library\//, '');
  return { repo: name, tag };
}
