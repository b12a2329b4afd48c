// `-o json` as kubectl writes it (encoding/json MarshalIndent, 4 spaces, `<>&` escaped). Maps
// (unstructured objects: `get`, `create -f`, `apply`) have their keys sorted by bytes (not JS
// order, which puts integer-like keys such as "80" first).
//
// And of the typed objects kubectl builds or decodes itself (`run`, `create deployment|
// namespace|service|configmap|secret`, `expose`, the ReplicaSets, StatefulSets and DaemonSets of `rollout history`): encoding/json writes a Go struct's fields in
// declaration order (and map keys sorted), so `kind` comes before `apiVersion` and
// `restartPolicy` before `dnsPolicy`.
//
// GO_FIELDS: the JSON field order of each struct reachable from the kinds above, written down
// from staging/src/k8s.io/api/core/v1/types.go, staging/src/k8s.io/api/apps/v1/types.go and
// staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go (1.33); `field:Type` names a field
// whose value is another struct of the table. A field not listed (the simulator never sets one
// Go does not have) goes after the listed ones, sorted.

const GO_FIELDS: Record<string, string> = {
  Pod: 'kind apiVersion metadata:ObjectMeta spec:PodSpec status:PodStatus',
  ObjectMeta:
    'name generateName namespace selfLink uid resourceVersion generation creationTimestamp deletionTimestamp deletionGracePeriodSeconds labels annotations ownerReferences:OwnerReference finalizers managedFields:ManagedFieldsEntry',
  OwnerReference: 'apiVersion kind name uid controller blockOwnerDeletion',
  ManagedFieldsEntry: 'manager operation apiVersion time fieldsType fieldsV1 subresource',
  PodSpec:
    'volumes:Volume initContainers:Container containers:Container ephemeralContainers:EphemeralContainer restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector serviceAccountName serviceAccount automountServiceAccountToken nodeName hostNetwork hostPID hostIPC shareProcessNamespace securityContext:PodSecurityContext imagePullSecrets:LocalObjectReference hostname subdomain affinity:Affinity schedulerName tolerations:Toleration hostAliases:HostAlias priorityClassName priority dnsConfig:PodDNSConfig readinessGates:PodReadinessGate runtimeClassName enableServiceLinks preemptionPolicy overhead topologySpreadConstraints:TopologySpreadConstraint setHostnameAsFQDN os:PodOS hostUsers schedulingGates:PodSchedulingGate resourceClaims:PodResourceClaim resources:ResourceRequirements',
  Volume:
    'name hostPath:HostPathVolumeSource emptyDir:EmptyDirVolumeSource gcePersistentDisk:GCEPersistentDiskVolumeSource awsElasticBlockStore:AWSElasticBlockStoreVolumeSource gitRepo:GitRepoVolumeSource secret:SecretVolumeSource nfs:NFSVolumeSource iscsi:ISCSIVolumeSource glusterfs:GlusterfsVolumeSource persistentVolumeClaim:PersistentVolumeClaimVolumeSource rbd:RBDVolumeSource flexVolume:FlexVolumeSource cinder:CinderVolumeSource cephfs:CephFSVolumeSource flocker:FlockerVolumeSource downwardAPI:DownwardAPIVolumeSource fc:FCVolumeSource azureFile:AzureFileVolumeSource configMap:ConfigMapVolumeSource vsphereVolume:VsphereVirtualDiskVolumeSource quobyte:QuobyteVolumeSource azureDisk:AzureDiskVolumeSource photonPersistentDisk:PhotonPersistentDiskVolumeSource projected:ProjectedVolumeSource portworxVolume:PortworxVolumeSource scaleIO:ScaleIOVolumeSource storageos:StorageOSVolumeSource csi:CSIVolumeSource ephemeral:EphemeralVolumeSource image:ImageVolumeSource',
  VolumeSource:
    'hostPath:HostPathVolumeSource emptyDir:EmptyDirVolumeSource gcePersistentDisk:GCEPersistentDiskVolumeSource awsElasticBlockStore:AWSElasticBlockStoreVolumeSource gitRepo:GitRepoVolumeSource secret:SecretVolumeSource nfs:NFSVolumeSource iscsi:ISCSIVolumeSource glusterfs:GlusterfsVolumeSource persistentVolumeClaim:PersistentVolumeClaimVolumeSource rbd:RBDVolumeSource flexVolume:FlexVolumeSource cinder:CinderVolumeSource cephfs:CephFSVolumeSource flocker:FlockerVolumeSource downwardAPI:DownwardAPIVolumeSource fc:FCVolumeSource azureFile:AzureFileVolumeSource configMap:ConfigMapVolumeSource vsphereVolume:VsphereVirtualDiskVolumeSource quobyte:QuobyteVolumeSource azureDisk:AzureDiskVolumeSource photonPersistentDisk:PhotonPersistentDiskVolumeSource projected:ProjectedVolumeSource portworxVolume:PortworxVolumeSource scaleIO:ScaleIOVolumeSource storageos:StorageOSVolumeSource csi:CSIVolumeSource ephemeral:EphemeralVolumeSource image:ImageVolumeSource',
  HostPathVolumeSource: 'path type',
  EmptyDirVolumeSource: 'medium sizeLimit',
  GCEPersistentDiskVolumeSource: 'pdName fsType partition readOnly',
  AWSElasticBlockStoreVolumeSource: 'volumeID fsType partition readOnly',
  GitRepoVolumeSource: 'repository revision directory',
  SecretVolumeSource: 'secretName items:KeyToPath defaultMode optional',
  KeyToPath: 'key path mode',
  NFSVolumeSource: 'server path readOnly',
  ISCSIVolumeSource:
    'targetPortal iqn lun iscsiInterface fsType readOnly portals chapAuthDiscovery chapAuthSession secretRef:LocalObjectReference initiatorName',
  LocalObjectReference: 'name',
  GlusterfsVolumeSource: 'endpoints path readOnly',
  PersistentVolumeClaimVolumeSource: 'claimName readOnly',
  RBDVolumeSource: 'monitors image fsType pool user keyring secretRef:LocalObjectReference readOnly',
  FlexVolumeSource: 'driver fsType secretRef:LocalObjectReference readOnly options',
  CinderVolumeSource: 'volumeID fsType readOnly secretRef:LocalObjectReference',
  CephFSVolumeSource: 'monitors path user secretFile secretRef:LocalObjectReference readOnly',
  FlockerVolumeSource: 'datasetName datasetUUID',
  DownwardAPIVolumeSource: 'items:DownwardAPIVolumeFile defaultMode',
  DownwardAPIVolumeFile: 'path fieldRef:ObjectFieldSelector resourceFieldRef:ResourceFieldSelector mode',
  ObjectFieldSelector: 'apiVersion fieldPath',
  ResourceFieldSelector: 'containerName resource divisor',
  FCVolumeSource: 'targetWWNs lun fsType readOnly wwids',
  AzureFileVolumeSource: 'secretName shareName readOnly',
  ConfigMapVolumeSource: 'name items:KeyToPath defaultMode optional',
  VsphereVirtualDiskVolumeSource: 'volumePath fsType storagePolicyName storagePolicyID',
  QuobyteVolumeSource: 'registry volume readOnly user group tenant',
  AzureDiskVolumeSource: 'diskName diskURI cachingMode fsType readOnly kind',
  PhotonPersistentDiskVolumeSource: 'pdID fsType',
  ProjectedVolumeSource: 'sources:VolumeProjection defaultMode',
  VolumeProjection:
    'secret:SecretProjection downwardAPI:DownwardAPIProjection configMap:ConfigMapProjection serviceAccountToken:ServiceAccountTokenProjection clusterTrustBundle:ClusterTrustBundleProjection',
  SecretProjection: 'name items:KeyToPath optional',
  DownwardAPIProjection: 'items:DownwardAPIVolumeFile',
  ConfigMapProjection: 'name items:KeyToPath optional',
  ServiceAccountTokenProjection: 'audience expirationSeconds path',
  ClusterTrustBundleProjection: 'name signerName labelSelector:LabelSelector optional path',
  LabelSelector: 'matchLabels matchExpressions:LabelSelectorRequirement',
  LabelSelectorRequirement: 'key operator values',
  PortworxVolumeSource: 'volumeID fsType readOnly',
  ScaleIOVolumeSource:
    'gateway system secretRef:LocalObjectReference sslEnabled protectionDomain storagePool storageMode volumeName fsType readOnly',
  StorageOSVolumeSource: 'volumeName volumeNamespace fsType readOnly secretRef:LocalObjectReference',
  CSIVolumeSource: 'driver readOnly fsType volumeAttributes nodePublishSecretRef:LocalObjectReference',
  EphemeralVolumeSource: 'volumeClaimTemplate:PersistentVolumeClaimTemplate',
  PersistentVolumeClaimTemplate: 'metadata:ObjectMeta spec:PersistentVolumeClaimSpec',
  PersistentVolumeClaimSpec:
    'accessModes selector:LabelSelector resources:VolumeResourceRequirements volumeName storageClassName volumeMode dataSource:TypedLocalObjectReference dataSourceRef:TypedObjectReference volumeAttributesClassName',
  VolumeResourceRequirements: 'limits requests',
  TypedLocalObjectReference: 'apiGroup kind name',
  TypedObjectReference: 'apiGroup kind name namespace',
  ImageVolumeSource: 'reference pullPolicy',
  Container:
    'name image command args workingDir ports:ContainerPort envFrom:EnvFromSource env:EnvVar resources:ResourceRequirements resizePolicy:ContainerResizePolicy restartPolicy volumeMounts:VolumeMount volumeDevices:VolumeDevice livenessProbe:Probe readinessProbe:Probe startupProbe:Probe lifecycle:Lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext:SecurityContext stdin stdinOnce tty',
  ContainerPort: 'name hostPort containerPort protocol hostIP',
  EnvFromSource: 'prefix configMapRef:ConfigMapEnvSource secretRef:SecretEnvSource',
  ConfigMapEnvSource: 'name optional',
  SecretEnvSource: 'name optional',
  EnvVar: 'name value valueFrom:EnvVarSource',
  EnvVarSource:
    'fieldRef:ObjectFieldSelector resourceFieldRef:ResourceFieldSelector configMapKeyRef:ConfigMapKeySelector secretKeyRef:SecretKeySelector',
  ConfigMapKeySelector: 'name key optional',
  SecretKeySelector: 'name key optional',
  ResourceRequirements: 'limits requests claims:ResourceClaim',
  ResourceClaim: 'name request',
  ContainerResizePolicy: 'resourceName restartPolicy',
  VolumeMount: 'name readOnly recursiveReadOnly mountPath subPath mountPropagation subPathExpr',
  VolumeDevice: 'name devicePath',
  Probe:
    'exec:ExecAction httpGet:HTTPGetAction tcpSocket:TCPSocketAction grpc:GRPCAction initialDelaySeconds timeoutSeconds periodSeconds successThreshold failureThreshold terminationGracePeriodSeconds',
  ProbeHandler: 'exec:ExecAction httpGet:HTTPGetAction tcpSocket:TCPSocketAction grpc:GRPCAction',
  ExecAction: 'command',
  HTTPGetAction: 'path port host scheme httpHeaders:HTTPHeader',
  HTTPHeader: 'name value',
  TCPSocketAction: 'port host',
  GRPCAction: 'port service',
  Lifecycle: 'postStart:LifecycleHandler preStop:LifecycleHandler stopSignal',
  LifecycleHandler: 'exec:ExecAction httpGet:HTTPGetAction tcpSocket:TCPSocketAction sleep:SleepAction',
  SleepAction: 'seconds',
  SecurityContext:
    'capabilities:Capabilities privileged seLinuxOptions:SELinuxOptions windowsOptions:WindowsSecurityContextOptions runAsUser runAsGroup runAsNonRoot readOnlyRootFilesystem allowPrivilegeEscalation procMount seccompProfile:SeccompProfile appArmorProfile:AppArmorProfile',
  Capabilities: 'add drop',
  SELinuxOptions: 'user role type level',
  WindowsSecurityContextOptions: 'gmsaCredentialSpecName gmsaCredentialSpec runAsUserName hostProcess',
  SeccompProfile: 'type localhostProfile',
  AppArmorProfile: 'type localhostProfile',
  EphemeralContainer:
    'name image command args workingDir ports:ContainerPort envFrom:EnvFromSource env:EnvVar resources:ResourceRequirements resizePolicy:ContainerResizePolicy restartPolicy volumeMounts:VolumeMount volumeDevices:VolumeDevice livenessProbe:Probe readinessProbe:Probe startupProbe:Probe lifecycle:Lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext:SecurityContext stdin stdinOnce tty targetContainerName',
  EphemeralContainerCommon:
    'name image command args workingDir ports:ContainerPort envFrom:EnvFromSource env:EnvVar resources:ResourceRequirements resizePolicy:ContainerResizePolicy restartPolicy volumeMounts:VolumeMount volumeDevices:VolumeDevice livenessProbe:Probe readinessProbe:Probe startupProbe:Probe lifecycle:Lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext:SecurityContext stdin stdinOnce tty',
  PodSecurityContext:
    'seLinuxOptions:SELinuxOptions windowsOptions:WindowsSecurityContextOptions runAsUser runAsGroup runAsNonRoot supplementalGroups supplementalGroupsPolicy fsGroup sysctls:Sysctl fsGroupChangePolicy seccompProfile:SeccompProfile appArmorProfile:AppArmorProfile seLinuxChangePolicy',
  Sysctl: 'name value',
  Affinity: 'nodeAffinity:NodeAffinity podAffinity:PodAffinity podAntiAffinity:PodAntiAffinity',
  NodeAffinity:
    'requiredDuringSchedulingIgnoredDuringExecution:NodeSelector preferredDuringSchedulingIgnoredDuringExecution:PreferredSchedulingTerm',
  NodeSelector: 'nodeSelectorTerms:NodeSelectorTerm',
  NodeSelectorTerm: 'matchExpressions:NodeSelectorRequirement matchFields:NodeSelectorRequirement',
  NodeSelectorRequirement: 'key operator values',
  PreferredSchedulingTerm: 'weight preference:NodeSelectorTerm',
  PodAffinity:
    'requiredDuringSchedulingIgnoredDuringExecution:PodAffinityTerm preferredDuringSchedulingIgnoredDuringExecution:WeightedPodAffinityTerm',
  PodAffinityTerm:
    'labelSelector:LabelSelector namespaces topologyKey namespaceSelector:LabelSelector matchLabelKeys mismatchLabelKeys',
  WeightedPodAffinityTerm: 'weight podAffinityTerm:PodAffinityTerm',
  PodAntiAffinity:
    'requiredDuringSchedulingIgnoredDuringExecution:PodAffinityTerm preferredDuringSchedulingIgnoredDuringExecution:WeightedPodAffinityTerm',
  Toleration: 'key operator value effect tolerationSeconds',
  HostAlias: 'ip hostnames',
  PodDNSConfig: 'nameservers searches options:PodDNSConfigOption',
  PodDNSConfigOption: 'name value',
  PodReadinessGate: 'conditionType',
  TopologySpreadConstraint:
    'maxSkew topologyKey whenUnsatisfiable labelSelector:LabelSelector minDomains nodeAffinityPolicy nodeTaintsPolicy matchLabelKeys',
  PodOS: 'name',
  PodSchedulingGate: 'name',
  PodResourceClaim: 'name resourceClaimName resourceClaimTemplateName',
  PodStatus:
    'observedGeneration phase conditions:PodCondition message reason nominatedNodeName hostIP hostIPs:HostIP podIP podIPs:PodIP startTime initContainerStatuses:ContainerStatus containerStatuses:ContainerStatus qosClass ephemeralContainerStatuses:ContainerStatus resize resourceClaimStatuses:PodResourceClaimStatus',
  PodCondition: 'type observedGeneration status lastProbeTime lastTransitionTime reason message',
  HostIP: 'ip',
  PodIP: 'ip',
  ContainerStatus:
    'name state:ContainerState lastState:ContainerState ready restartCount image imageID containerID started allocatedResources resources:ResourceRequirements volumeMounts:VolumeMountStatus user:ContainerUser allocatedResourcesStatus:ResourceStatus stopSignal',
  ContainerState: 'waiting:ContainerStateWaiting running:ContainerStateRunning terminated:ContainerStateTerminated',
  ContainerStateWaiting: 'reason message',
  ContainerStateRunning: 'startedAt',
  ContainerStateTerminated: 'exitCode signal reason message startedAt finishedAt containerID',
  VolumeMountStatus: 'name mountPath readOnly recursiveReadOnly',
  ContainerUser: 'linux:LinuxContainerUser',
  LinuxContainerUser: 'uid gid supplementalGroups',
  ResourceStatus: 'name resources:ResourceHealth',
  ResourceHealth: 'resourceID health',
  PodResourceClaimStatus: 'name resourceClaimName',
  Deployment: 'kind apiVersion metadata:ObjectMeta spec:DeploymentSpec status:DeploymentStatus',
  DeploymentSpec:
    'replicas selector:LabelSelector template:PodTemplateSpec strategy:DeploymentStrategy minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds',
  PodTemplateSpec: 'metadata:ObjectMeta spec:PodSpec',
  DeploymentStrategy: 'type rollingUpdate:RollingUpdateDeployment',
  RollingUpdateDeployment: 'maxUnavailable maxSurge',
  DeploymentStatus:
    'observedGeneration replicas updatedReplicas readyReplicas availableReplicas unavailableReplicas terminatingReplicas conditions:DeploymentCondition collisionCount',
  DeploymentCondition: 'type status lastUpdateTime lastTransitionTime reason message',
  ReplicaSet: 'kind apiVersion metadata:ObjectMeta spec:ReplicaSetSpec status:ReplicaSetStatus',
  ReplicaSetSpec: 'replicas minReadySeconds selector:LabelSelector template:PodTemplateSpec',
  ReplicaSetStatus:
    'replicas fullyLabeledReplicas readyReplicas availableReplicas terminatingReplicas observedGeneration conditions:ReplicaSetCondition',
  ReplicaSetCondition: 'type status lastTransitionTime reason message',
  StatefulSet: 'kind apiVersion metadata:ObjectMeta spec:StatefulSetSpec status:StatefulSetStatus',
  StatefulSetSpec:
    'replicas selector:LabelSelector template:PodTemplateSpec volumeClaimTemplates serviceName podManagementPolicy updateStrategy:StatefulSetUpdateStrategy revisionHistoryLimit minReadySeconds persistentVolumeClaimRetentionPolicy:StatefulSetPersistentVolumeClaimRetentionPolicy ordinals:StatefulSetOrdinals',
  StatefulSetUpdateStrategy: 'type rollingUpdate:RollingUpdateStatefulSetStrategy',
  RollingUpdateStatefulSetStrategy: 'partition maxUnavailable',
  StatefulSetPersistentVolumeClaimRetentionPolicy: 'whenDeleted whenScaled',
  StatefulSetOrdinals: 'start',
  StatefulSetStatus:
    'observedGeneration replicas readyReplicas currentReplicas updatedReplicas currentRevision updateRevision collisionCount conditions:StatefulSetCondition availableReplicas',
  StatefulSetCondition: 'type status lastTransitionTime reason message',
  DaemonSet: 'kind apiVersion metadata:ObjectMeta spec:DaemonSetSpec status:DaemonSetStatus',
  DaemonSetSpec:
    'selector:LabelSelector template:PodTemplateSpec updateStrategy:DaemonSetUpdateStrategy minReadySeconds revisionHistoryLimit',
  DaemonSetUpdateStrategy: 'type rollingUpdate:RollingUpdateDaemonSet',
  RollingUpdateDaemonSet: 'maxUnavailable maxSurge',
  DaemonSetStatus:
    'currentNumberScheduled numberMisscheduled desiredNumberScheduled numberReady observedGeneration updatedNumberScheduled numberAvailable numberUnavailable collisionCount conditions:DaemonSetCondition',
  DaemonSetCondition: 'type status lastTransitionTime reason message',
  Service: 'kind apiVersion metadata:ObjectMeta spec:ServiceSpec status:ServiceStatus',
  ServiceSpec:
    'ports:ServicePort selector clusterIP clusterIPs type externalIPs sessionAffinity loadBalancerIP loadBalancerSourceRanges externalName externalTrafficPolicy healthCheckNodePort publishNotReadyAddresses sessionAffinityConfig:SessionAffinityConfig ipFamilies ipFamilyPolicy allocateLoadBalancerNodePorts loadBalancerClass internalTrafficPolicy trafficDistribution',
  ServicePort: 'name protocol appProtocol port targetPort nodePort',
  SessionAffinityConfig: 'clientIP:ClientIPConfig',
  ClientIPConfig: 'timeoutSeconds',
  ServiceStatus: 'loadBalancer:LoadBalancerStatus conditions:Condition',
  LoadBalancerStatus: 'ingress:LoadBalancerIngress',
  LoadBalancerIngress: 'ip hostname ipMode ports:PortStatus',
  PortStatus: 'port protocol error',
  Condition: 'type status observedGeneration lastTransitionTime reason message',
  Namespace: 'kind apiVersion metadata:ObjectMeta spec:NamespaceSpec status:NamespaceStatus',
  NamespaceSpec: 'finalizers',
  NamespaceStatus: 'phase conditions:NamespaceCondition',
  NamespaceCondition: 'type status lastTransitionTime reason message',
  ConfigMap: 'kind apiVersion metadata:ObjectMeta immutable data binaryData',
  Secret: 'kind apiVersion metadata:ObjectMeta immutable data stringData type',
  ServiceAccount:
    'kind apiVersion metadata:ObjectMeta secrets:ObjectReference imagePullSecrets:LocalObjectReference automountServiceAccountToken',
  ObjectReference: 'kind namespace name uid apiVersion resourceVersion fieldPath',
};

type Fields = { names: string[]; types: Map<string, string> };
const parsed = new Map<string, Fields>();
function fieldsOf(type: string): Fields | undefined {
  if (!(type in GO_FIELDS)) return undefined;
  let f = parsed.get(type);
  if (!f) {
    f = { names: [], types: new Map() };
    for (const item of GO_FIELDS[type].split(' ')) {
      const [name, child] = item.split(':');
      f.names.push(name);
      if (child) f.types.set(name, child);
    }
    parsed.set(type, f);
  }
  return f;
}

/** The value with its struct fields in Go order (maps of no struct type keep their keys; toJson sorts those). */
function inGoOrder(v: unknown, type: string | undefined): unknown {
  if (Array.isArray(v)) return v.map((x) => inGoOrder(x, type));
  if (!v || typeof v !== 'object') return v;
  const fields = type ? fieldsOf(type) : undefined;
  if (!fields) return v;
  const obj = v as Record<string, unknown>;
  const out = new Map<string, unknown>();
  for (const name of fields.names)
    if (obj[name] !== undefined) out.set(name, inGoOrder(obj[name], fields.types.get(name)));
  for (const k of Object.keys(obj)
    .filter((x) => !out.has(x) && obj[x] !== undefined)
    .sort())
    out.set(k, obj[k]);
  return new OrderedObject(out);
}

/** A JSON object whose key order is fixed (toJson sorts plain objects' keys). */
class OrderedObject {
  constructor(readonly entries: Map<string, unknown>) {}
}

/** A Go string literal as encoding/json writes it (HTML-safe: `<>&` and U+2028/9 escaped). */
function jsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Writes v; `unit` is the indentation step ('' for json.Marshal's compact form). */
function write(v: unknown, indent: string, out: string[], unit = '    '): void {
  if (v === null || v === undefined) {
    out.push('null');
    return;
  }
  if (typeof v === 'string') {
    out.push(jsonString(v));
    return;
  }
  if (typeof v === 'number' || typeof v === 'boolean') {
    out.push(JSON.stringify(v));
    return;
  }
  if (unit === '') {
    if (Array.isArray(v)) {
      out.push('[');
      v.forEach((x, i) => {
        if (i) out.push(',');
        write(x, '', out, '');
      });
      out.push(']');
      return;
    }
    const entries =
      v instanceof OrderedObject
        ? [...v.entries]
        : Object.keys(v)
            .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
            .sort(byBytes)
            .map((k) => [k, (v as Record<string, unknown>)[k]] as const);
    out.push('{');
    entries.forEach(([k, x], i) => {
      if (i) out.push(',');
      out.push(`${jsonString(k)}:`);
      write(x, '', out, '');
    });
    out.push('}');
    return;
  }
  const inner = indent + unit;
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push('[]');
      return;
    }
    out.push('[\n');
    v.forEach((x, i) => {
      out.push(inner);
      write(x, inner, out);
      out.push(i < v.length - 1 ? ',\n' : '\n');
    });
    out.push(indent + ']');
    return;
  }
  const entries =
    v instanceof OrderedObject
      ? [...v.entries]
      : Object.keys(v)
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .sort(byBytes)
          .map((k) => [k, (v as Record<string, unknown>)[k]] as const);
  if (entries.length === 0) {
    out.push('{}');
    return;
  }
  out.push('{\n');
  entries.forEach(([k, x], i) => {
    out.push(`${inner}${jsonString(k)}: `);
    write(x, inner, out);
    out.push(i < entries.length - 1 ? ',\n' : '\n');
  });
  out.push(indent + '}');
}

const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** json.Marshal: compact, map keys sorted, HTML-escaped, no final newline. */
export function toCompactJson(obj: unknown): string {
  const out: string[] = [];
  write(obj, '', out, '');
  return out.join('');
}

/** `-o json`: encoding/json MarshalIndent (map keys sorted, 4 spaces, HTML-escaped), with a final newline. */
export function toJson(obj: unknown): string {
  const out: string[] = [];
  write(obj, '', out);
  return out.join('') + '\n';
}

/** `-o json` of a typed object of `kind` (Go struct order; see the header). */
export function toTypedJson(obj: object): string {
  return toJson(inGoOrder(obj, (obj as { kind?: string }).kind));
}
